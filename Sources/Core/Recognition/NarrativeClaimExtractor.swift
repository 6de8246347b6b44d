import Foundation

/// Pulls `NarrativeClaim`s out of the narrative's sentences with patterns anchored on the phrases
/// reports use (综合得分为…分, 全年预算…万元, 执行率为…%, 该指标设置…分). A sentence without such
/// a phrase states nothing checkable.
enum NarrativeClaimExtractor {
    private static let num = #"([0-9][0-9,]*(?:\.[0-9]+)?)"#
    private static let sep = #"\s*(?:为|是|达到|达|约为|共计|：|:)?\s*"#
    private static let groups = "(产出|效益|满意度|成本)指标"
    /// No prose sentence is this long; a hostile one must not cost quadratic time.
    private static let longestSentence = 1000

    private struct Pattern {
        let regex: NSRegularExpression
        let unit: String
        /// Builds the claim kind from the capture groups (group 1 … n as strings), or nil to skip.
        let kind: ([String], NarrativeContext) -> ClaimKind?
        /// Capture group of the number.
        let numberGroup: Int
        /// Capture group of an optional second claim (a score after "该指标设置 … 分，自评得分 … 分").
        var secondNumberGroup: Int? = nil
        var secondKind: (([String], NarrativeContext) -> ClaimKind?)? = nil

        /// Words the sentence must contain for the pattern to match at all: a cheap test that
        /// spares the regular expression on most sentences.
        let needles: [String]

        init(_ pattern: String, unit: String, number: Int, needles: [String], kind: @escaping ([String], NarrativeContext) -> ClaimKind?) {
            regex = try! NSRegularExpression(pattern: pattern)
            self.unit = unit; self.numberGroup = number; self.needles = needles; self.kind = kind
        }
    }

    private static let patterns: [Pattern] = {
        var p: [Pattern] = [
            // Not "产出指标总得分": an indicator's total is not the report's. Not a bare "总分
            // 100 分" either: that states the full marks, not the score.
            Pattern("(?<!指标|类)(?:自评综合得分|综合得分|综合评分|自评总得分|自评总分|总得分)" + sep + num + #"\s*分"#,
                    unit: "分", number: 1, needles: ["得分", "评分", "总分"]) { _, _ in .totalScore },
            Pattern("预算执行(?:率)?(?:指标)?(?:类)?(?:得分|评分)" + sep + num + #"\s*分"#, unit: "分", number: 1, needles: ["预算执行"]) { _, _ in .fundingScore },
            Pattern(groups + "(?:类)?(?:得分|评分)" + sep + num + #"\s*分"#, unit: "分", number: 2, needles: ["指标"]) { g, _ in .indicatorScore(g[1] + "指标") },
            Pattern(groups + #"(?:类)?\s*[（(]\s*"# + num + #"\s*分\s*[)）]"#, unit: "分", number: 2, needles: ["指标"]) { g, _ in .indicatorWeight(g[1] + "指标") },
            Pattern(groups + "(?:类)?(?:分值|权重)" + sep + num + #"\s*分"#, unit: "分", number: 2, needles: ["分值", "权重"]) { g, _ in .indicatorWeight(g[1] + "指标") },
            Pattern("执行率" + sep + num + #"\s*%"#, unit: "%", number: 1, needles: ["执行率"]) { _, _ in .rate },
            Pattern("全年预算(?:数|金额)?" + sep + num + #"\s*万元"#, unit: "万元", number: 1, needles: ["全年预算"]) { _, _ in .budget },
            Pattern("年初预算(?:数|金额)?" + sep + num + #"\s*万元"#, unit: "万元", number: 1, needles: ["年初预算"]) { _, _ in .initialBudget },
            Pattern("(?:全年实际支出|实际支出|全年执行数|执行数|实际执行)(?:金额)?" + sep + num + #"\s*万元"#, unit: "万元", number: 1, needles: ["支出", "执行"]) { _, _ in .executed },
        ]
        // "该指标设置 15 分，自评得分 15 分": the heading above says which indicator.
        var section = Pattern("该(?:项|类)?指标(?:设置|分值为?|权重为?)" + sep + num + #"\s*分(?:\s*[，,、]\s*(?:自评得分|自评|得分)\s*(?:为)?\s*"# + num + #"\s*分)?"#,
                              unit: "分", number: 1, needles: ["该"]) { _, c in
            guard let name = c.headingIndicator else { return nil }
            return name.contains("预算执行") ? .fundingWeight : .indicatorWeight(name)
        }
        section.secondNumberGroup = 2
        section.secondKind = { _, c in
            guard let name = c.headingIndicator else { return nil }
            return name.contains("预算执行") ? .fundingScore : .indicatorScore(name)
        }
        p.append(section)
        return p
    }()

    /// Every claim of the narrative, in reading order. Where lines wrap, the rows of tables that
    /// were not recognised come out as lines: only the prose before the first form is read there.
    static func claims(in narrative: Narrative, spans: [FormSpan], forms: [Form], linesWrap: Bool) -> [NarrativeClaim] {
        let proseEnd = linesWrap ? spans.first?.start : nil
        let targets = FormTargets(spans: spans, forms: forms)
        var out: [NarrativeClaim] = []
        for sentence in narrative.sentences {
            if let proseEnd, narrative.position(of: sentence) >= proseEnd { break }
            let text = sentence.slice
            // Only a sentence with a digit can state a number.
            guard text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }),
                  (sentence.plain ? text.unicodeScalars.count : text.count) <= longestSentence else { continue }
            out += claims(in: sentence, of: narrative, targets: targets)
        }
        return out
    }

    private static func claims(in sentence: NarrativeSentence, of narrative: Narrative, targets: FormTargets) -> [NarrativeClaim] {
        let text = sentence.text
        // UTF-16 offsets are Character offsets in plain text; others are converted.
        let plain = sentence.plain
        func characterOffset(_ utf16: Int) -> Int {
            plain ? utf16 : text.distance(from: text.startIndex, to: String.Index(utf16Offset: utf16, in: text))
        }
        let ns = text as NSString
        // Most sentences match no pattern: the subjects and years are looked for only once one does.
        var marksStore: SentenceMarks?
        func marks() -> SentenceMarks {
            if let m = marksStore { return m }
            let m = SentenceMarks(text)
            marksStore = m
            return m
        }
        var seen: Set<ClaimKind> = []
        var found: [(Int, NarrativeClaim)] = []
        let searchable = SearchableText(text)
        for pattern in patterns where pattern.needles.contains(where: searchable.contains) {
            for m in pattern.regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                let groups = (0..<m.numberOfRanges).map { m.range(at: $0).location == NSNotFound ? "" : ns.substring(with: m.range(at: $0)) }
                let matchStart = m.range.location
                func make(_ kind: ClaimKind?, group: Int) {
                    guard let kind, m.range(at: group).location != NSNotFound,
                          let number = PrintedNumber.parse(groups[group] + (pattern.unit == "%" ? "%" : "")) else { return }
                    let at = characterOffset(m.range(at: group).location)
                    let paragraph = sentence.paragraph(at: at).index
                    let context = narrative.context(ofParagraph: paragraph)
                    // The same quantity twice in one sentence: the first one is the claim.
                    guard !seen.contains(kind) else { return }
                    seen.insert(kind)
                    let subject = marks().subject(before: matchStart) ?? context.headingSubject
                    let phrase = groups[0].split(whereSeparator: \.isWhitespace).joined(separator: " ")
                    var claim = NarrativeClaim(kind: kind, subject: subject, number: number, unit: pattern.unit,
                                               location: narrative.location(of: sentence, at: at), phrase: phrase,
                                               target: targets.target(narrative.paragraphs[paragraph].position, context))
                    claim.year = marks().year(before: matchStart)
                    claim.aboutPriorYear = marks().priorYear.contains { $0 <= matchStart }
                    found.append((at, claim))
                }
                // The context is the one of the paragraph holding the number.
                let context = narrative.context(ofParagraph: sentence.paragraph(at: characterOffset(m.range(at: pattern.numberGroup).location)).index)
                make(pattern.kind(groups, context), group: pattern.numberGroup)
                if let g = pattern.secondNumberGroup, let k = pattern.secondKind { make(k(groups, context), group: g) }
            }
        }
        return found.sorted { $0.0 < $1.0 }.map(\.1)
    }

    fileprivate static let yearPattern = try! NSRegularExpression(pattern: #"(20[0-9]{2})\s*年"#)

    /// Where one sentence names subjects, years and the previous year, found once per sentence
    /// rather than once per claim (UTF-16 offsets; each mark counts where it ends, so a word
    /// counts for a claim only when it is complete before the claim's phrase).
    private struct SentenceMarks {
        /// End offset, order in `ClaimSubjects.words` (a longer word listed first wins a tie), subject.
        var subjects: [(end: Int, start: Int, rank: Int, subject: ClaimSubject)] = []
        var years: [(end: Int, year: Int)] = []
        var priorYear: [Int] = []

        init(_ sentence: String) {
            let ns = sentence as NSString
            let all = NSRange(location: 0, length: ns.length)
            // Plain text (no combining marks or decomposable scalars) is searched by UTF-16
            // code units, which finds what NSString's search finds, at a fraction of the cost.
            let units: [UInt16]? = TextNormalizer.isPlainText(sentence) ? Array(sentence.utf16) : nil
            func occurrences(of word: String) -> [Int] {
                if let units {
                    let w = Array(word.utf16)
                    guard !w.isEmpty, units.count >= w.count else { return [] }
                    var out: [Int] = []
                    for i in 0...(units.count - w.count) where units[i] == w[0] {
                        var k = 1
                        while k < w.count && units[i + k] == w[k] { k += 1 }
                        if k == w.count { out.append(i) }
                    }
                    return out
                }
                var out: [Int] = []
                var range = all
                while true {
                    let r = ns.range(of: word, options: [], range: range)
                    guard r.location != NSNotFound else { break }
                    out.append(r.location)
                    let next = r.location + 1
                    range = NSRange(location: next, length: ns.length - next)
                }
                return out
            }
            for (rank, (word, subject)) in ClaimSubjects.words.enumerated() {
                let length = word.utf16.count
                for at in occurrences(of: word) { subjects.append((at + length, at, rank, subject)) }
            }
            for m in NarrativeClaimExtractor.yearPattern.matches(in: sentence, range: all) {
                if let y = Int(ns.substring(with: m.range(at: 1))) { years.append((m.range.location + m.range.length, y)) }
            }
            for word in ["上年度", "上一年度", "去年", "上年同期"] {
                if let first = occurrences(of: word).first { priorYear.append(first + word.utf16.count) }
            }
        }

        /// The subject named last, wholly before `offset`.
        func subject(before offset: Int) -> ClaimSubject? {
            subjects.filter { $0.end <= offset }
                .max { $0.start != $1.start ? $0.start < $1.start : $0.rank > $1.rank }?.subject
        }

        func year(before offset: Int) -> Int? {
            years.filter { $0.end <= offset }.max { $0.end < $1.end }?.year
        }
    }
}
