package app.earmark.sheets;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Result sheets ({@code earmark.sheets.*}).
 *
 * @param requireFeedback whether the centre requires feedback on every AC before a sheet is signed
 * @param publicUrl       Earmark's address as people reach it, for the links and QR codes in PDFs
 */
@ConfigurationProperties("earmark.sheets")
public record SheetsProperties(@DefaultValue("true") boolean requireFeedback,
        @DefaultValue("http://localhost:8080") URI publicUrl) {

    /** An Earmark path ("/discussions/7") as an absolute address people can follow, for PDFs, QR codes and exports. */
    public String absolute(String path) {
        String base = publicUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
