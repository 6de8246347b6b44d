import Core

/// Text from reports and file names made safe to print: a character that could forge or reorder
/// a line of output is shown as an escape, in every output format.
///
/// - Control characters (C0, DEL, C1: newline, ESC, …) would end a finding's line or drive the
///   terminal; bidi controls (U+202E, U+2066…) reorder what the reader sees; zero-width characters
///   (U+200B, U+FEFF, …) hide text. Each is shown as `\u{202E}`.
/// - Bytes of a file name that are not UTF-8 are shown as `\x{FF}`.
enum DisplayText {
    /// True for the scalars shown escaped.
    static func needsEscape(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x00...0x1F, 0x7F...0x9F: return true                      // C0, DEL, C1
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true  // bidi controls
        case 0x200B...0x200D, 0x2060...0x2064, 0xFEFF, 0x180E: return true          // zero-width, invisible operators
        case 0x2028, 0x2029: return true                                 // line and paragraph separators
        default: return false
        }
    }

    /// `s` with every scalar of `needsEscape` written as `\u{XXXX}`; unchanged (no copy) when none.
    static func escaped(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: needsEscape) else { return s }
        var out = ""
        for u in s.unicodeScalars {
            if needsEscape(u) { out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}" } else { out.unicodeScalars.append(u) }
        }
        return out
    }

    /// A raw file path: valid UTF-8 decoded, any other byte as `\x{FF}`, then `escaped`.
    static func escapedPath(_ raw: [UInt8]) -> String {
        if let s = String(validating: raw, as: UTF8.self) { return escaped(s) }
        var out = ""
        var i = 0
        while i < raw.count {
            let b = raw[i]
            let len = b < 0x80 ? 1 : (0xC2...0xDF).contains(b) ? 2 : (0xE0...0xEF).contains(b) ? 3 : (0xF0...0xF4).contains(b) ? 4 : 0
            if len > 0, i + len <= raw.count, let s = String(validating: raw[i..<(i + len)], as: UTF8.self) {
                out += s
                i += len
            } else {
                out += "\\x{" + String(b, radix: 16, uppercase: true) + "}"
                i += 1
            }
        }
        return escaped(out)
    }

    /// A file's result as it may be shown: every location names the file that was linted (a JSON
    /// model cannot place findings on another file), and paths and messages are escaped.
    static func safe(_ result: FileResult, display: String) -> FileResult {
        var r = result
        r.path = escaped(display)
        for k in r.diagnostics.indices {
            r.diagnostics[k].message = escaped(r.diagnostics[k].message)
            r.diagnostics[k].location.file = r.path
            r.diagnostics[k].location.sheet = r.diagnostics[k].location.sheet.map(escaped)
            if let e = r.diagnostics[k].expected { r.diagnostics[k].expected = escaped(e) }
            if let a = r.diagnostics[k].actual { r.diagnostics[k].actual = escaped(a) }
            r.diagnostics[k].subject = escaped(r.diagnostics[k].subject)
            for j in r.diagnostics[k].related.indices {
                r.diagnostics[k].related[j].location.file = r.path
                r.diagnostics[k].related[j].location.sheet = r.diagnostics[k].related[j].location.sheet.map(escaped)
                r.diagnostics[k].related[j].message = escaped(r.diagnostics[k].related[j].message)
            }
        }
        r.notifications = r.notifications.map(safe)
        return r
    }

    static func safe(_ n: ToolNotification) -> ToolNotification {
        var n = n
        n.message = escaped(n.message)
        n.file = n.file.map(escaped)
        return n
    }
}
