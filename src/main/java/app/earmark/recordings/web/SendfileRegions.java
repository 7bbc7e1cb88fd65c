package app.earmark.recordings.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import org.apache.catalina.Globals;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourceRegion;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.ResourceRegionHttpMessageConverter;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A Range request for a file on this node's disk (the folder media store) is answered by Tomcat with the kernel's
 * {@code sendfile}, as nginx does, instead of Spring copying the range through 8 KiB buffers: Spring MVC still
 * decides everything about the answer (access, {@code If-Range}, which range, 206 or 416, {@code Content-Range},
 * {@code Content-Length}), and this converter, asked before Spring's own for a {@link ResourceRegion}, only hands
 * the body to Tomcat (its documented {@code org.apache.tomcat.sendfile.*} request attributes, which its
 * {@code DefaultServlet} uses for static files). Otherwise, Spring's converter writes it as before: a region of an
 * object in S3, several ranges at once ({@code multipart/byteranges}), a HEAD request, or a connector without
 * sendfile (TLS in Tomcat itself, HTTP/2).
 */
class SendfileRegions extends ResourceRegionHttpMessageConverter {

    static final String SUPPORTED = Globals.SENDFILE_SUPPORTED_ATTR;
    static final String FILENAME = Globals.SENDFILE_FILENAME_ATTR;
    static final String START = Globals.SENDFILE_FILE_START_ATTR;
    static final String END = Globals.SENDFILE_FILE_END_ATTR;

    /** Asked before Spring's own converters. */
    @Configuration(proxyBeanMethods = false)
    static class Registration implements WebMvcConfigurer {
        @Override
        public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
            converters.add(0, new SendfileRegions());
        }
    }

    @Override
    protected void writeInternal(Object object, Type type, HttpOutputMessage outputMessage) throws IOException {
        // Spring hands over one range as a list of one region.
        ResourceRegion region = object instanceof ResourceRegion one ? one
                : object instanceof Collection<?> regions && regions.size() == 1
                        && regions.iterator().next() instanceof ResourceRegion only ? only : null;
        File file = region == null ? null : fileOf(region.getResource());
        HttpServletRequest request = file == null ? null : sendfileRequest();
        if (request == null) {
            super.writeInternal(object, type, outputMessage);
            return;
        }
        long length = file.length();
        long start = region.getPosition();
        long count = Math.min(region.getCount(), length - start);
        HttpHeaders headers = outputMessage.getHeaders();
        headers.set(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + (start + count - 1) + "/" + length);
        headers.setContentLength(count);
        request.setAttribute(FILENAME, file.getAbsolutePath());
        request.setAttribute(START, start);
        request.setAttribute(END, start + count);
    }

    /** The file a resource is, when it is one on this node's disk. */
    private static File fileOf(Resource resource) {
        try {
            return resource.isFile() ? resource.getFile() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The request being answered, when Tomcat can send a file for it. */
    private static HttpServletRequest sendfileRequest() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            if (Boolean.TRUE.equals(request.getAttribute(SUPPORTED)) && !"HEAD".equals(request.getMethod())) {
                return request;
            }
        }
        return null;
    }
}
