package app.earmark.sheets;

/** The print style of a result sheet: A4, DejaVu Sans (embedded), the form's boxes and columns. */
final class SheetCss {

    private SheetCss() {
    }

    static final String CSS = """
            @page {
                size: A4;
                margin: 16mm 13mm 18mm 13mm;
                @bottom-center { content: element(footer); }
            }
            body { font-family: 'DejaVu Sans'; font-size: 8.5pt; line-height: 1.3; color: #111; }
            .footer { position: running(footer); font-size: 7pt; color: #555; width: 100%; }
            .footer .pages { float: right; }
            .page::after { content: counter(page); }
            .pagecount::after { content: counter(pages); }
            .watermark {
                position: fixed; top: 110mm; left: 0; width: 184mm; text-align: center;
                font-size: 120pt; font-weight: bold; color: #f2d4d4; z-index: -1;
                transform: rotate(-40deg);
            }
            h1 { font-size: 13pt; margin: 0 0 1mm 0; }
            h2 { font-size: 10pt; margin: 5mm 0 1.5mm 0; page-break-after: avoid; }
            h3 { font-size: 9pt; margin: 0 0 1mm 0; }
            p { margin: 0 0 1.2mm 0; }
            a { color: #0b4f9c; text-decoration: none; }
            .unit { color: #333; margin-bottom: 2mm; }
            .status { padding: 1.5mm 2mm; margin-bottom: 3mm; border: 0.6pt solid #888; }
            .status.signed { background: #e9f4ea; border-color: #2e7d32; }
            .status.draft { background: #fbeaea; border-color: #b71c1c; font-weight: bold; }
            .hash { font-size: 7.5pt; word-wrap: break-word; }
            table { border-collapse: collapse; width: 100%; table-layout: fixed; }
            th, td { border: 0.6pt solid #777; padding: 1.2mm 1.5mm; vertical-align: top; text-align: left;
                word-wrap: break-word; }
            th { background: #eceff3; font-weight: bold; }
            .ids th { width: 20%; }
            .ids td { width: 30%; }
            .box { border: 0.6pt solid #777; padding: 2mm; margin: 3mm 0; }
            table.box { padding: 0; }
            table.box td { border: none; padding: 2mm; }
            .instructions p { text-align: justify; }
            .note { color: #333; }
            .fill { border-bottom: 0.6pt dotted #444; min-width: 40mm; }
            .tick { font-size: 11pt; }
            table.ac-block { margin-top: -0.6pt; page-break-inside: avoid; }
            table.ac-block th.ac, table.ac-block td.ac { width: 40%; }
            table.ac-block th.feedback, table.ac-block td.feedback { width: 45%; }
            table.ac-block th.result, table.ac-block td.result { width: 15%; }
            td.descriptors { font-size: 7pt; color: #333; padding: 1mm 1.5mm 1.5mm 1.5mm; }
            .level-title { font-weight: bold; margin-bottom: 0.8mm; }
            table.levels th, table.levels td { border: 0.4pt solid #aaa; font-size: 7pt; padding: 0.8mm 1.2mm; }
            table.levels th { background: #f6f7f9; }
            .counters { margin-top: 1.5mm; padding-top: 1mm; border-top: 0.4pt dotted #999; }
            .label { font-weight: bold; }
            .none { color: #777; }
            ul { margin: 0.3mm 0 0.8mm 0; padding-left: 3.5mm; }
            li { margin: 0; }
            .other { margin-top: 1.5mm; color: #333; }
            .marks { font-size: 10pt; }
            .min { color: #444; }
            .below, .referral { color: #b71c1c; font-weight: bold; }
            .pass { color: #1b5e20; font-weight: bold; }
            .undecided { color: #777; }
            table.comments { margin-top: -0.6pt; }
            table.comments th { width: 27%; font-weight: normal; background: #f6f7f9; }
            .totals .total { font-size: 11pt; }
            .referrals { color: #b71c1c; }
            table.signoff { margin-top: 4mm; page-break-inside: avoid; }
            table.signoff th, table.signoff td { width: 50%; padding: 2mm; }
            .deleted { text-decoration: line-through; color: #999; }
            .qa-void { font-weight: bold; color: #a00000; }
            .chosen { font-weight: bold; }
            .acmaps { page-break-before: always; }
            table.acmap-head td { border: none; padding: 0; }
            table.acmap-head td.qr { width: 32mm; text-align: right; }
            table.acmap-head img { width: 30mm; height: 30mm; }
            table.acmap { -fs-table-paginate: paginate; margin: 2mm 0 5mm 0; }
            table.acmap tr { page-break-inside: avoid; }
            table.acmap .when { width: 22%; white-space: nowrap; }
            table.acmap .recording { width: 10%; }
            table.acmap .acs-col { width: 18%; }
            """;
}
