import XCTest
@testable import Core

/// Words placed as pdftotext would place them, for tests of the PDF table rebuild on small pages.
protocol SyntheticPdfWords {}

extension SyntheticPdfWords {
    /// A word of `text` at (x, y): CJK characters 10 pt wide, other characters 5 pt, 10 pt tall.
    func w(_ text: String, _ x: Double, _ y: Double) -> PdfWord {
        let width = text.unicodeScalars.reduce(0.0) { $0 + ($1.value > 0x2E80 ? 10 : 5) }
        return PdfWord(text, xMin: x, yMin: y, xMax: x + width, yMax: y + 10)
    }

    /// A right-aligned amount ending at `right`.
    func amount(_ text: String, right: Double, _ y: Double) -> PdfWord {
        PdfWord(text, xMin: right - Double(text.count) * 5, yMin: y, xMax: right, yMax: y + 10)
    }

    func page(_ n: Int, _ words: [PdfWord]) -> PdfPage { PdfPage(number: n, width: 600, height: 800, words: words) }
}

/// Documents built here (no reader), for tests of the recognizer.
protocol SyntheticDocuments {}

extension SyntheticDocuments {
    /// A document of one table whose rows are the given cell texts, one text line per row, after
    /// the title and paragraphs given.
    func document(_ rows: [[String]], title: String? = nil, paragraphsBefore: [String] = []) -> Document {
        var blocks: [Block] = []
        var line = 1
        for p in (title.map { [$0] } ?? []) + paragraphsBefore {
            blocks.append(.paragraph(Paragraph(text: p, location: SourceLocation(file: "t.txt", line: line))))
            line += 1
        }
        let tableRows = rows.map { texts -> Row in
            defer { line += 1 }
            let cells = texts.enumerated().map { k, t in Cell(text: t, location: SourceLocation(file: "t.txt", line: line, column: k + 1)) }
            return Row(cells: cells, location: SourceLocation(file: "t.txt", line: line))
        }
        blocks.append(.table(Table(index: 1, rows: tableRows, location: SourceLocation(file: "t.txt", line: 1))))
        return Document(path: "t.txt", format: "test", blocks: blocks)
    }
}
