package app.earmark.recordings.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.test.context.ActiveProfiles;

/**
 * Range semantics on the folder store; a single range's body is sent by Tomcat from the file ({@code sendfile}), and
 * every other answer by Spring as before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:earmark-range-local;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "earmark.media-store=target/test-media-range"})
@ActiveProfiles("test")
@Import(MediaRangeLocalTest.SendfileSeen.class)
class MediaRangeLocalTest extends MediaRangeContract {

    @Autowired
    SentFiles sent;

    /** For each media request, the file handed to Tomcat to send, with its start and end ("-" for none). */
    record SentFiles(List<String> files) {
    }

    /** Notes what each media request handed to Tomcat to send. */
    @TestConfiguration
    static class SendfileSeen {
        @Bean
        SentFiles sentFiles() {
            return new SentFiles(new CopyOnWriteArrayList<>());
        }

        @Bean
        FilterRegistrationBean<Filter> sendfileSeen(SentFiles sentFiles) {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                chain.doFilter(request, response);
                Object file = request.getAttribute(SendfileRegions.FILENAME);
                sentFiles.files().add(file == null ? "-" : file + " " + request.getAttribute(SendfileRegions.START)
                        + " " + request.getAttribute(SendfileRegions.END));
            });
            registration.addUrlPatterns("/api/v1/recordings/*");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }

    @BeforeEach
    void forget() {
        sent.files().clear();
    }

    @Test
    void aSingleRangeIsSentFromTheFileByTomcatAndTheRestBySpring() throws Exception {
        var part = get("learner", "Range", "bytes=1000-70999");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(rendition, 1000, 71000));
        var suffix = get("learner", "Range", "bytes=-500");
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(rendition, rendition.length - 500, rendition.length));
        var several = get("learner", "Range", "bytes=0-9,100-109");
        assertThat(several.statusCode()).isEqualTo(206);
        var whole = get("learner");
        assertThat(whole.body()).isEqualTo(rendition);

        List<String> sentFiles = sent.files();
        assertThat(sentFiles).hasSize(4);
        assertThat(sentFiles.get(0)).endsWith(" 1000 71000").doesNotStartWith("-");
        assertThat(sentFiles.get(1)).endsWith(" " + (rendition.length - 500) + " " + rendition.length);
        assertThat(sentFiles.subList(2, 4)).containsExactly("-", "-");
    }
}
