import Foundation

/// Writes minimal PDF files (Helvetica text drawn at given points), for the PDF reader's tests:
/// documents of many pages or many text objects, without any PDF library.
public enum TestPdfWriter {
    /// One piece of text and where it is drawn, in PDF points from the bottom left.
    public struct Text {
        public var text: String
        public var x: Double
        public var y: Double
        public var size: Double
        public init(_ text: String, x: Double, y: Double, size: Double = 10) {
            self.text = text; self.x = x; self.y = y; self.size = size
        }
    }

    /// A PDF with one page per element of `pages` (A4 portrait), each drawing its texts.
    public static func pdf(pages: [[Text]]) -> Data {
        var objects: [String] = []
        let kids = pages.indices.map { "\(4 + 2 * $0) 0 R" }.joined(separator: " ")
        objects.append("<< /Type /Catalog /Pages 2 0 R >>")
        objects.append("<< /Type /Pages /Kids [\(kids)] /Count \(pages.count) >>")
        objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        for (i, texts) in pages.enumerated() {
            var stream = ""
            if !texts.isEmpty {
                stream = "BT " + texts.map { t in
                    let escaped = t.text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(").replacingOccurrences(of: ")", with: "\\)")
                    return "/F1 \(t.size) Tf 1 0 0 1 \(t.x) \(t.y) Tm (\(escaped)) Tj"
                }.joined(separator: " ") + " ET"
            }
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents \(5 + 2 * i) 0 R >>")
            objects.append("<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream")
        }
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { out += String(format: "%010d 00000 n \n", offset) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(out.utf8)
    }
}
