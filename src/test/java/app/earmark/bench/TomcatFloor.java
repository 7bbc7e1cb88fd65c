package app.earmark.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

/**
 * Tomcat's floor under load: a plain servlet in Earmark's own embedded Tomcat (no Spring MVC, no security chain, no
 * session, no access check) answering a single {@code bytes=a-b} Range of one file with 206 and the bytes. Not part of
 * Earmark: it shows what the servlet container alone gives under the same players, beside nginx.
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
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    long size = channel.size();
                    String[] bounds = range.substring("bytes=".length()).split("-");
                    long first = Long.parseLong(bounds[0]);
                    long last = Long.parseLong(bounds[1]);
                    ByteBuffer bytes = ByteBuffer.allocate((int) (last - first + 1));
                    while (bytes.hasRemaining() && channel.read(bytes, first + bytes.position()) >= 0) {
                        // reads until the range is whole
                    }
                    response.setStatus(206);
                    response.setContentType("video/mp4");
                    response.setHeader("Content-Range", "bytes " + first + "-" + last + "/" + size);
                    response.setContentLength(bytes.capacity());
                    response.getOutputStream().write(bytes.array());
                }
            }
        };
        ServletRegistrationBean<HttpServlet> registration = new ServletRegistrationBean<>(servlet, PATH);
        registration.setName("tomcatFloorServlet");
        return registration;
    }
}
