package app.earmark.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.catalina.Globals;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

/**
 * Tomcat's floor under load: a plain servlet in Earmark's own embedded Tomcat (no Spring MVC, no security rules, no
 * session, no access check; the servlet filters every request passes still run) answering a single {@code bytes=a-b}
 * Range of one file with 206 and the bytes, sent with the kernel's {@code sendfile} as Earmark sends a range of a file
 * in its folder store. Not part of Earmark: it shows what the servlet container alone gives under the same players,
 * beside nginx.
 */
@TestConfiguration(proxyBeanMethods = false)
class TomcatFloor {

    static final String PATH = "/probe/range";
    /** The file served; set by the benchmark before the players start. */
    static volatile Path file;

    @Bean
    WebSecurityCustomizer tomcatFloorWithoutSecurity() {
        return web -> web.ignoring().requestMatchers(PATH);
    }

    @Bean
    ServletRegistrationBean<HttpServlet> tomcatFloorServlet() {
        HttpServlet servlet = new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                String range = request.getHeader("Range");
                if (range == null || !range.startsWith("bytes=")) {
                    response.sendError(400, "a single bytes=a-b Range is asked for");
                    return;
                }
                String[] bounds = range.substring("bytes=".length()).split("-");
                long first = Long.parseLong(bounds[0]);
                long last = Long.parseLong(bounds[1]);
                long size = Files.size(file);
                response.setStatus(206);
                response.setContentType("video/mp4");
                response.setHeader("Content-Range", "bytes " + first + "-" + last + "/" + size);
                response.setContentLengthLong(last - first + 1);
                if (Boolean.TRUE.equals(request.getAttribute(Globals.SENDFILE_SUPPORTED_ATTR))) {
                    // As Earmark sends a range of a file in its folder store (SendfileRegions): the kernel's sendfile.
                    request.setAttribute(Globals.SENDFILE_FILENAME_ATTR, file.toAbsolutePath().toString());
                    request.setAttribute(Globals.SENDFILE_FILE_START_ATTR, first);
                    request.setAttribute(Globals.SENDFILE_FILE_END_ATTR, last + 1);
                    return;
                }
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    channel.transferTo(first, last - first + 1, Channels.newChannel(response.getOutputStream()));
                }
            }
        };
        ServletRegistrationBean<HttpServlet> registration = new ServletRegistrationBean<>(servlet, PATH);
        registration.setName("tomcatFloorServlet");
        return registration;
    }
}
