package app.earmark.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.earmark.base.EarmarkProperties;
import app.earmark.support.EarmarkSpringTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Links in exports and PDFs: {@code earmark.sheets.public-url} when set; otherwise the address the request came in
 * on (a client's own X-Forwarded-* headers are not trusted unless server.forward-headers-strategy is set); a warning
 * at start-up when it is not set outside the demo.
 */
@EarmarkSpringTest
@ExtendWith(OutputCaptureExtension.class)
class PublicUrlTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    SheetFixtures fixtures;
    @Autowired
    UserDetailsService accounts;
    @Autowired
    PublicUrl publicUrl;

    private static final EarmarkProperties PRODUCTION = new EarmarkProperties(Path.of("data"), Path.of("media"), false);

    @Test
    void withoutTheSettingExportsLinkToTheAddressTheRequestCameInOn() throws Exception {
        long discussion = fixtures.discussion("learner", "8587-300");
        long recording = fixtures.hourLongRecording(discussion);
        fixtures.tag(discussion, recording, 115_000, null, "Purpose", "1.1");
        String play = "/discussions/" + discussion + "/play?recording=" + recording + "&t=115.0";

        String json = mvc.perform(get("https://earmark.example.org:443/exports/discussions/" + discussion + "/ac-map.json")
                .with(user(accounts.loadUserByUsername("learner")))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(new ObjectMapper().readTree(json).get("entries").get(0).get("link").asText())
                .isEqualTo("https://earmark.example.org" + play);

        String csv = mvc.perform(get("http://earmark.internal:9090/exports/discussions/" + discussion + "/ac-map.csv")
                .header("X-Forwarded-Host", "evil.example.com").header("X-Forwarded-Proto", "https")
                .with(user(accounts.loadUserByUsername("learner")))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).as("forwarded headers are not trusted without server.forward-headers-strategy")
                .contains(",http://earmark.internal:9090" + play).doesNotContain("evil");

        assertThat(CompletableFuture.supplyAsync(() -> publicUrl.absolute("/discussions/7")).get())
                .as("without a request").isEqualTo("http://localhost:8080/discussions/7");
    }

    @Test
    void theSettingWinsWheneverItIsSet() {
        var configured = new PublicUrl(new SheetsProperties(true, URI.create("https://earmark.centre.ac.uk/"), false),
                PRODUCTION, 8080);
        assertThat(configured.absolute("/discussions/7")).isEqualTo("https://earmark.centre.ac.uk/discussions/7");
    }

    @Test
    void aProductionServerWithoutTheSettingWarnsAtStartUpAndTheDemoDoesNot(CapturedOutput output) {
        new PublicUrl(new SheetsProperties(true, null, false), PRODUCTION, 8080).warnIfUnset();
        assertThat(output.getOut()).contains("WARN").contains("earmark.sheets.public-url is not set");
        int before = output.getOut().length();
        new PublicUrl(new SheetsProperties(true, null, false), new EarmarkProperties(Path.of("data"), Path.of("media"),
                true), 8080).warnIfUnset();
        assertThat(output.getOut().substring(before)).doesNotContain("WARN");
    }
}
