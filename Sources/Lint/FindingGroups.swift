import Core

/// Findings of one file that say the same thing about different rows, shown as one line.
///
/// A template left unfilled gives dozens of findings that differ only in the indicator they
/// name ("指标行（生态效益指标）只有模板占位 “/ /”" eighty times): listed one by one they hide
/// the rest of the file. Findings of one rule, severity and baseline state whose messages are the
/// same once quoted text (“…”, 「…」), bracketed names (（…）) and numbers are blanked out form a
/// group, shown at its first finding with the count. Display only: counts and exit codes still
/// count every finding.
enum FindingGroups {
    /// One line of output: the first finding of a group and how many it stands for (1: alone).
    struct Group {
        var first: Diagnostic
        var count: Int
    }

    /// `findings` in their order, each group at the place of its first finding.
    static func group(_ findings: [Diagnostic]) -> [Group] {
        var groups: [Group] = []
        var index: [String: Int] = [:]
        for d in findings {
            let key = [d.ruleId, d.severity.rawValue, d.isSuppressed ? "s" : "", pattern(d.message)].joined(separator: "\u{0}")
            if let i = index[key] { groups[i].count += 1; continue }
            index[key] = groups.count
            groups.append(Group(first: d, count: 1))
        }
        return groups
    }

    /// Pairs whose contents name the varying part of a message.
    private static let brackets: [(open: Character, close: Character)] = [("“", "”"), ("「", "」"), ("（", "）"), ("《", "》")]

    /// The message with every bracketed text and every run of digits blanked: what repeats.
    static func pattern(_ message: String) -> String {
        var out = ""
        var closing: [Character] = []
        var lastWasDigit = false
        for ch in message {
            if let top = closing.last, ch == top {
                closing.removeLast()
                if closing.isEmpty { out.append(ch) }
                continue
            }
            if let pair = brackets.first(where: { $0.open == ch }) {
                if closing.isEmpty { out.append(ch) }
                closing.append(pair.close)
                continue
            }
            guard closing.isEmpty else { continue }
            if ch.isNumber || ((ch == "." || ch == ",") && lastWasDigit) {
                if !lastWasDigit { out.append("#") }
                lastWasDigit = true
                continue
            }
            lastWasDigit = false
            out.append(ch)
        }
        // An unclosed bracket: its text stays out, which still groups alike messages.
        return out
    }
}
