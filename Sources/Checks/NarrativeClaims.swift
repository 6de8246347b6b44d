import Foundation
import Core

/// What a narrative sentence states a number about.
enum ClaimKind: Hashable, Sendable {
    /// 综合得分 / 自评总分: the 总分 row's score.
    case totalScore
    /// 预算执行(率)得分: the 年度资金总额 row's 得分.
    case fundingScore
    /// "预算执行指标 … 该项指标设置 10 分": the 年度资金总额 row's 分值.
    case fundingWeight
    /// 执行率 (a percentage, never a score).
    case rate
    /// 全年预算(数), in 万元.
    case budget
    /// 年初预算(数), in 万元.
    case initialBudget
    /// 实际支出 / 执行数, in 万元.
    case executed
    /// A 一级 or 二级指标's score ("产出指标得分 50 分", "数量指标 … 自评得分 15 分").
    case indicatorScore(String)
    /// A 一级 or 二级指标's weight ("产出指标（50分）", "该指标设置 15 分").
    case indicatorWeight(String)

    /// The quantity's zh-CN name, for messages.
    var title: String {
        switch self {
        case .totalScore: return "综合得分"
        case .fundingScore: return "预算执行得分"
        case .fundingWeight: return "预算执行分值"
        case .rate: return "执行率"
        case .budget: return "全年预算数"
        case .initialBudget: return "年初预算数"
        case .executed: return "全年执行数"
        case .indicatorScore(let n): return "\(n)得分"
        case .indicatorWeight(let n): return "\(n)分值"
        }
    }
}

/// Whose quantity a sentence talks about: the last subject word before the number, else the
/// heading the sentence sits under. A unit's 基本支出 or 三公经费 are not its form's totals.
enum ClaimSubject: Sendable, Equatable {
    /// Nothing named: the quantity of the form the narrative belongs to.
    case unspecified
    /// 整体支出 / 部门整体 / 单位整体.
    case wholeUnit
    /// 项目支出 (all projects of a unit, or the project a project narrative is about).
    case projectSpending
    /// 基本支出, 人员经费, 公用经费.
    case basicSpending
    /// 三公经费.
    case threePublic
    /// 专项资金 and other named parts.
    case other
}

/// A number the narrative states, where it stands, and which form it is about.
struct NarrativeClaim: Sendable {
    var kind: ClaimKind
    var subject: ClaimSubject
    var number: PrintedNumber
    /// "万元", "分" or "%" as the pattern required.
    var unit: String
    /// Where the number is printed (a wrapped sentence reports the line of the number).
    var location: SourceLocation
    /// The phrase that states the number ("自评综合得分为 99.98 分"), whitespace collapsed.
    var phrase: String
    /// Index in `report.forms` of the overall or project form the narrative belongs to;
    /// nil when that is not unambiguous.
    var target: Int?
    /// The year the sentence names last before the number ("2023年…预算"), if any.
    var year: Int?
    /// The sentence speaks of the previous year (上年度, 去年) before the number.
    var aboutPriorYear = false

    /// True when the claim is about `year` as far as the sentence tells.
    func isAbout(year other: Int?) -> Bool {
        guard !aboutPriorYear else { return false }
        guard let year, let other else { return true }
        return year == other
    }
}

/// The first "2024" of a title or column name.
func yearIn(_ text: String) -> Int? {
    // ASCII bytes never occur inside a multi-byte UTF-8 sequence, so a byte scan finds what
    // the pattern 20[0-9]{2} finds.
    let b = Array(text.utf8)
    func digit(_ x: UInt8) -> Bool { x >= 0x30 && x <= 0x39 }
    guard b.count >= 4 else { return nil }
    for i in 0...(b.count - 4) where b[i] == 0x32 && b[i + 1] == 0x30 && digit(b[i + 2]) && digit(b[i + 3]) {
        return 2000 + Int(b[i + 2] - 0x30) * 10 + Int(b[i + 3] - 0x30)
    }
    return nil
}

/// Pulls `NarrativeClaim`s out of a report's paragraphs with patterns anchored on the phrases
/// reports use (综合得分为…分, 全年预算…万元, 执行率为…%, 该指标设置…分). A sentence without such
/// a phrase states nothing checkable.
enum NarrativeClaimExtractor {
    private static let num = #"([0-9][0-9,]*(?:\.[0-9]+)?)"#
    private static let sep = #"\s*(?:为|是|达到|达|约为|共计|：|:)?\s*"#
    private static let groups = "(产出|效益|满意度|成本)指标"

    private struct Pattern {
        let regex: NSRegularExpression
        let unit: String
        /// Builds the claim kind from the capture groups (group 1 … n as strings), or nil to skip.
        let kind: ([String], Context) -> ClaimKind?
        /// Capture group of the number.
        let numberGroup: Int
        /// Capture group of an optional second claim (a score after "该指标设置 … 分，自评得分 … 分").
        var secondNumberGroup: Int? = nil
        var secondKind: (([String], Context) -> ClaimKind?)? = nil

        /// Words the sentence must contain for the pattern to match at all: a cheap test that
        /// spares the regular expression on most sentences.
        let needles: [String]

        init(_ pattern: String, unit: String, number: Int, needles: [String], kind: @escaping ([String], Context) -> ClaimKind?) {
            regex = try! NSRegularExpression(pattern: pattern)
            self.unit = unit; self.numberGroup = number; self.needles = needles; self.kind = kind
        }
    }

    /// The state a paragraph is read in: its report section and the heading it sits under.
    struct Context {
        var sectionStart = ReportLayout.Position(block: 0)
        /// The section's title says 整体 (must belong to an overall form) or 项目 (a project form).
        var sectionWholeUnit = false
        var sectionProject = false
        var headingSubject: ClaimSubject = .unspecified
        /// The indicator a heading names ("1.数量指标绩效情况" → 数量指标), for "该指标设置 N 分".
        var headingIndicator: String?
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

    fileprivate static let subjectWords: [(String, ClaimSubject)] = [
        ("三公", .threePublic), ("基本支出", .basicSpending), ("人员经费", .basicSpending), ("公用经费", .basicSpending),
        // "项目支出" before "项目": at the same place the longer word wins. A bare 项目 ("5 个项目
        // 执行率 100%") or a source of funds names a part, not the whole.
        ("项目支出", .projectSpending), ("整体支出", .wholeUnit), ("部门整体", .wholeUnit), ("单位整体", .wholeUnit),
        ("专项", .other), ("项目", .other), ("一般公共预算", .other), ("政府性基金", .other), ("财政拨款", .other),
        ("非税", .other), ("其他资金", .other),
    ]

    private static let headingStart = try! NSRegularExpression(
        pattern: #"^(?:#+\s*)?(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[)）]|[㈠-㈩]|[0-9]+\s*[.、．](?![0-9]))"#)
    private static let indicatorName = try! NSRegularExpression(pattern: #"([\p{Han}]{2,8}指标)"#)

    /// Every claim of the report's narrative, in reading order.
    static func claims(in layout: ReportLayout) -> [NarrativeClaim] {
        let report = layout.report
        let isPDF = report.document.format == "pdf-text"
        let candidates = report.forms.indices.filter { [.overall, .project].contains(report.forms[$0].kind) }
        // In PDF text the rows of tables that were not recognised come out as paragraphs;
        // only the prose before the first form is read there.
        let pdfLimit = isPDF ? layout.formStarts.first : nil

        var context = Context()
        var runs: [[(ReportLayout.PlacedParagraph, Context, String)]] = []
        var previousBlock = -2
        for (i, placed) in layout.paragraphs.enumerated() {
            if let pdfLimit, placed.position >= pdfLimit { break }
            let text = TextNormalizer.normalize(placed.paragraph.text)
            let compacted = TextNormalizer.compact(text)
            if isSectionTitle(compacted: compacted) {
                let before = i > 0 ? TextNormalizer.compact(layout.paragraphs[i - 1].paragraph.text) : ""
                let title = before.dropFirst(40).isEmpty ? before + compacted : compacted
                context = Context(sectionStart: placed.position,
                                  sectionWholeUnit: title.contains("整体"),
                                  sectionProject: title.contains("项目"))
            } else if isHeading(compacted: compacted) {
                context.headingSubject = subject(in: text[...]) ?? .unspecified
                context.headingIndicator = firstMatch(indicatorName, in: text)
            }
            // PDF lines are wrapped prose: consecutive lines make one text.
            if isPDF && placed.position.block == previousBlock + 1, !runs.isEmpty {
                runs[runs.count - 1].append((placed, context, text))
            } else {
                runs.append([(placed, context, text)])
            }
            previousBlock = placed.position.block
        }

        var out: [NarrativeClaim] = []
        for run in runs {
            out += claims(inRun: run, layout: layout, candidates: candidates)
        }
        return out
    }

    private static func claims(inRun run: [(ReportLayout.PlacedParagraph, Context, String)], layout: ReportLayout, candidates: [Int]) -> [NarrativeClaim] {
        let text = run.map(\.2).joined()
        // Plain text without CR (see `TextNormalizer.isPlain`) has one scalar per Character and
        // one UTF-16 unit per scalar, so it is split by scalars; the Character walk was most of
        // the cost of reading a narrative. Other text takes the Character walk.
        let plain = TextNormalizer.isPlainText(text) && !text.utf8.contains(0x0D)
        // Character offsets of each paragraph within the joined text.
        var starts: [Int] = []
        var count = 0
        for (_, _, t) in run { starts.append(count); count += plain ? t.unicodeScalars.count : t.count }
        var out: [NarrativeClaim] = []
        var sentenceStart = 0
        if plain {
            let scalars = Array(text.unicodeScalars)
            let ends = "。！？；!?;".unicodeScalars
            for (i, u) in scalars.enumerated() where ends.contains(u) || i == scalars.count - 1 {
                // No prose sentence is this long; a hostile one must not cost quadratic time.
                guard i - sentenceStart + 1 <= 1000 else { sentenceStart = i + 1; continue }
                let sentence = String(String.UnicodeScalarView(scalars[sentenceStart...i]))
                out += claims(inSentence: sentence, plain: true, offset: sentenceStart, run: run, starts: starts, layout: layout, candidates: candidates)
                sentenceStart = i + 1
            }
            return out
        }
        let chars = Array(text)
        for (i, ch) in chars.enumerated() where "。！？；!?;".contains(ch) || i == chars.count - 1 {
            let sentence = String(chars[sentenceStart...i])
            // No prose sentence is this long; a hostile one must not cost quadratic time.
            guard sentence.count <= 1000 else { sentenceStart = i + 1; continue }
            out += claims(inSentence: sentence, plain: false, offset: sentenceStart, run: run, starts: starts, layout: layout, candidates: candidates)
            sentenceStart = i + 1
        }
        return out
    }

    private static func claims(inSentence sentence: String, plain: Bool, offset: Int, run: [(ReportLayout.PlacedParagraph, Context, String)],
                               starts: [Int], layout: ReportLayout, candidates: [Int]) -> [NarrativeClaim] {
        guard sentence.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return [] }
        let ns = sentence as NSString
        // Most sentences match no pattern: the subjects and years are looked for only once one does.
        var marksStore: SentenceMarks?
        func marks() -> SentenceMarks {
            if let m = marksStore { return m }
            let m = SentenceMarks(sentence)
            marksStore = m
            return m
        }
        var seen: Set<ClaimKind> = []
        var found: [(Int, NarrativeClaim)] = []
        let searchable = SearchableText(sentence)
        for pattern in patterns where pattern.needles.contains(where: searchable.contains) {
            for m in pattern.regex.matches(in: sentence, range: NSRange(location: 0, length: ns.length)) {
                let groups = (0..<m.numberOfRanges).map { m.range(at: $0).location == NSNotFound ? "" : ns.substring(with: m.range(at: $0)) }
                let matchStart = m.range.location
                func make(_ kind: ClaimKind?, group: Int) {
                    guard let kind, m.range(at: group).location != NSNotFound,
                          let number = PrintedNumber.parse(groups[group] + (pattern.unit == "%" ? "%" : "")) else { return }
                    let at = offset + (plain ? m.range(at: group).location : characterOffset(sentence, m.range(at: group).location))
                    let p = (starts.lastIndex { $0 <= at }) ?? 0
                    let (placed, context, _) = run[p]
                    // The same quantity twice in one sentence: the first one is the claim.
                    guard !seen.contains(kind) else { return }
                    seen.insert(kind)
                    let subject = marks().subject(before: matchStart) ?? context.headingSubject
                    var location = placed.paragraph.location
                    if location.line != nil { location.column = (location.column ?? 1) + (at - starts[p]) }
                    let phrase = groups[0].split(whereSeparator: \.isWhitespace).joined(separator: " ")
                    var claim = NarrativeClaim(kind: kind, subject: subject, number: number, unit: pattern.unit, location: location,
                                               phrase: phrase, target: target(placed.position, context, layout: layout, candidates: candidates))
                    claim.year = marks().year(before: matchStart)
                    claim.aboutPriorYear = marks().priorYear.contains { $0 <= matchStart }
                    found.append((at, claim))
                }
                // The run's context is the one of the paragraph holding the number.
                let numberAt = offset + (plain ? m.range(at: pattern.numberGroup).location : characterOffset(sentence, m.range(at: pattern.numberGroup).location))
                let context = run[(starts.lastIndex { $0 <= numberAt }) ?? 0].1
                make(pattern.kind(groups, context), group: pattern.numberGroup)
                if let g = pattern.secondNumberGroup, let k = pattern.secondKind { make(k(groups, context), group: g) }
            }
        }
        return found.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// The form a paragraph at `position` is about: the next overall or project form, unless
    /// such a form already began within the paragraph's section (then the paragraph trails a
    /// form rather than introducing one) or the section title names the other kind.
    private static func target(_ position: ReportLayout.Position, _ context: Context, layout: ReportLayout, candidates: [Int]) -> Int? {
        // Candidates are in reading order: the first one after the paragraph is found by bisection.
        var lo = 0, hi = candidates.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if layout.formStarts[candidates[mid]] > position { hi = mid } else { lo = mid + 1 }
        }
        guard lo < candidates.count else { return nil }
        let next = candidates[lo]
        if lo > 0 && layout.formStarts[candidates[lo - 1]] >= context.sectionStart { return nil }
        let kind = layout.report.forms[next].kind
        if context.sectionWholeUnit && kind != .overall { return nil }
        if context.sectionProject && !context.sectionWholeUnit && kind != .project { return nil }
        return next
    }

    /// "…整体支出绩效自评报告", "绩效自评报告": a report (or a project's report) begins.
    private static func isSectionTitle(compacted: String) -> Bool {
        let t = compacted.removingAll("*")
        return t.dropFirst(40).isEmpty && t.hasSuffix("报告") && (t.contains("自评") || t.contains("评价"))
    }

    private static func isHeading(compacted t: String) -> Bool {
        guard t.dropFirst(40).isEmpty, !t.contains("。") else { return false }
        return headingStart.firstMatch(in: t, range: NSRange(location: 0, length: (t as NSString).length)) != nil
    }

    /// The subject named last in `text`, if any.
    static func subject(in text: Substring) -> ClaimSubject? {
        let searchable = SearchableText(String(text))
        var best: (Int, ClaimSubject)?
        for (word, subject) in subjectWords {
            if let at = searchable.lastOffset(of: word), best == nil || at > best!.0 {
                best = (at, subject)
            }
        }
        return best?.1
    }

    fileprivate static let yearPattern = try! NSRegularExpression(pattern: #"(20[0-9]{2})\s*年"#)

    /// Where one sentence names subjects, years and the previous year, found once per sentence
    /// rather than once per claim (UTF-16 offsets; each mark counts where it ends, so a word
    /// counts for a claim only when it is complete before the claim's phrase).
    private struct SentenceMarks {
        /// End offset, order in `subjectWords` (a longer word listed first wins a tie), subject.
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
            for (rank, (word, subject)) in NarrativeClaimExtractor.subjectWords.enumerated() {
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

    private static func firstMatch(_ regex: NSRegularExpression, in text: String) -> String? {
        let ns = text as NSString
        guard let m = regex.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return ns.substring(with: m.range(at: 1))
    }

    /// The Character offset of a UTF-16 offset.
    private static func characterOffset(_ s: String, _ utf16: Int) -> Int {
        let idx = String.Index(utf16Offset: utf16, in: s)
        return s.distance(from: s.startIndex, to: idx)
    }
}

extension CheckContext {
    /// The narrative's claims, extracted once per report for every check that reads them.
    var narrativeClaims: [NarrativeClaim] {
        derived.value("Checks.NarrativeClaims") { NarrativeClaimExtractor.claims(in: layout) }
    }
}

extension SourceLocation {
    /// "第762行" for text inputs, "表2 第14行 第7列" otherwise: where the other number of a
    /// comparison sits, named inside a message.
    var placeName: String {
        if let line { return "第\(line)行" }
        return logicalName ?? file
    }
}

/// Agreement of two printed numbers at their printed precision, as the sums are compared:
/// a whole number among decimals ("100" beside "99.64") stands for itself, not for 99.5…100.5.
enum PrintedAgreement {
    /// True when `stated` and `printed` can be the same value. Percentages never agree with
    /// plain numbers: 执行率 96.45% and 得分 9.64 are different quantities.
    static func agrees(_ stated: PrintedNumber, _ printed: PrintedNumber, exact: Bool = false, _ s: LintSettings) -> Bool? {
        guard stated.isPercent == printed.isPercent else { return nil }
        return SumComparison(total: printed, items: [stated], settings: s, itemsExact: exact, totalExact: exact).agrees
    }
}
