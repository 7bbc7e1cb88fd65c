package app.earmark.sheets;

import java.time.Instant;
import java.util.List;

/** The two steps of a sheet's PDF, apart, for the benchmark to time: building the XHTML, and rendering it. */
public final class SheetPdfParts {

    private SheetPdfParts() {
    }

    /** The sheet's XHTML with its AC maps and QR codes (without the discussions' descriptions). */
    public static String xhtml(SheetView sheet, PublicUrl properties) {
        List<SheetHtml.MapSection> sections = AcMaps.ofSheet(sheet).stream().map(map -> {
            String url = properties.absolute("/discussions/" + map.discussionId());
            return new SheetHtml.MapSection(map, null, url, QrCodes.pngDataUri(url));
        }).toList();
        return SheetHtml.write(new SheetHtml.Input(sheet, sections, SheetSignOffs.of(sheet,
                SheetDeclarations.none(sheet.id())), properties::absolute,
                Instant.now()));
    }

    public static byte[] render(String xhtml) {
        return SheetPdf.render(xhtml);
    }
}
