package app.earmark.sheets;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Result sheets ({@code earmark.sheets.*}).
 *
 * @param requireFeedback whether the centre requires feedback on every AC before a sheet is signed
 * @param publicUrl       Earmark's address as people reach it, for the links and QR codes in PDFs and exports; when
 *                        unset, the address each request came in on ({@link PublicUrl})
 * @param warmUpPdf       whether to load the PDF renderer on a background thread at start-up ({@link PdfWarmUp})
 */
@ConfigurationProperties("earmark.sheets")
public record SheetsProperties(@DefaultValue("true") boolean requireFeedback,
        URI publicUrl, @DefaultValue("true") boolean warmUpPdf) {
}
