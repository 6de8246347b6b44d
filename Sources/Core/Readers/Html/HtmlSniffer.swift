import Foundation

/// Tells a saved web page from text by its first markup, whatever the extension.
enum HtmlSniffer {
    /// True when the first non-blank bytes (after a UTF-8 BOM, and after an XHTML page's
    /// `<?xml …?>` declaration) open an HTML document:
    /// `<!DOCTYPE html`, `<html`, `<head`, `<meta`, `<body`, `<table` or `<!--`.
    /// Only ASCII is compared, so a GB18030 or UTF-8 page is sniffed alike.
    static func looksLikeHTML(_ data: Data) -> Bool {
        let head = data.prefix(1024)
        var i = head.startIndex
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { i += 3 }
        func skipBlanks() { while i < head.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(head[i]) { i += 1 } }
        skipBlanks()
        if head[i...].starts(with: Array("<?xml".utf8)), let end = head[i...].firstIndex(of: UInt8(ascii: ">")) {
            i = end + 1
            skipBlanks()
        }
        guard i < head.endIndex, head[i] == UInt8(ascii: "<") else { return false }
        let rest = String(decoding: head[i...].prefix(16), as: UTF8.self).lowercased()
        return ["<!doctype html", "<html", "<head", "<meta", "<body", "<table", "<!--"].contains { rest.hasPrefix($0) }
    }
}
