/// A place in a document's reading order: a block, and a row within a table block.
public struct DocumentPosition: Comparable, Hashable, Codable, Sendable {
    public var block: Int
    public var row: Int

    public init(block: Int, row: Int = 0) { self.block = block; self.row = row }

    public static func < (a: DocumentPosition, b: DocumentPosition) -> Bool {
        a.block != b.block ? a.block < b.block : a.row < b.row
    }
}

/// Where one form lies in the document's reading order, and what its span holds beyond the
/// typed form: the project name printed at its top and its 总分 row (also when the layout's
/// indicator table was not recognised, as in PDF text).
public struct FormSpan: Hashable, Codable, Sendable {
    /// Where the form begins.
    public var start: DocumentPosition
    /// Where the next form begins, or the end of the document (exclusive).
    public var end: DocumentPosition
    /// The 项目支出名称 / 项目名称 printed at the top of the form.
    public var projectName: Value?
    /// The recognised 总分 row, or a raw "总分 | weight | score" row of the span.
    public var total: TotalRow?

    public init(start: DocumentPosition, end: DocumentPosition, projectName: Value? = nil, total: TotalRow? = nil) {
        self.start = start; self.end = end; self.projectName = projectName; self.total = total
    }
}

/// Whose quantity a sentence talks about: the last subject word before the number, else the
/// heading the sentence sits under. A unit's 基本支出 or 三公经费 are not its form's totals.
public enum ClaimSubject: String, Codable, Sendable, Equatable {
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

/// Where a narrative sentence stands: its report section and the heading it sits under.
public struct NarrativeContext: Hashable, Sendable {
    /// The title of the report section ("…整体支出绩效自评报告"), nil before the first one.
    public var section: String?
    /// Where the section begins.
    public var sectionStart = DocumentPosition(block: 0)
    /// The section's title says 整体: its numbers belong to an overall form.
    public var sectionWholeUnit = false
    /// The section's title says 项目: its numbers belong to a project form.
    public var sectionProject = false
    /// The heading the sentence sits under ("1.数量指标绩效情况"), compacted.
    public var heading: String?
    /// The subject the heading names.
    public var headingSubject: ClaimSubject = .unspecified
    /// The indicator the heading names ("1.数量指标绩效情况" → 数量指标), for "该指标设置 N 分".
    public var headingIndicator: String?

    public init() {}
}

/// One sentence of the narrative, in reading order. In layouts whose lines wrap (PDF text) a
/// sentence may run over several lines; `Narrative.location(of:at:)` maps a place in it back to
/// its line, and `Narrative.context(of:)` gives the section and heading it begins under.
///
/// A sentence is small: its text is a slice of the re-joined text it was cut from, and it names
/// its paragraphs by index, so a narrative of a million lines costs little beyond its text.
public struct NarrativeSentence: Sendable {
    /// The sentence as read (normalised, wrapped lines re-joined), with its final 。；！？ if any.
    public let slice: Substring
    /// Index in `Narrative.paragraphs` of the paragraph the sentence begins in.
    let firstParagraph: Int
    /// Character offset in that paragraph's normalised text where the sentence begins.
    let startInParagraph: Int
    /// Character offsets in the sentence where each following paragraph it spans begins.
    let laterStarts: [Int]
    /// Index in `Report.forms` of the overall or project form the sentence introduces, when unambiguous.
    public let form: Int?
    /// True when the text's Characters are its scalars and UTF-16 units (`SentenceSplitter.isPlain`).
    let plain: Bool

    /// The sentence's text.
    public var text: String { String(slice) }

    /// The text without whitespace and without its final terminator, for word searches.
    public var compactBody: String { TextNormalizer.compact(SentenceSplitter.trimmingTerminator(text)) }

    /// The paragraph holding Character offset `offset`, and the sentence offset where that
    /// paragraph's part begins (negative for the first paragraph when the sentence starts inside it).
    func paragraph(at offset: Int) -> (index: Int, partStart: Int) {
        guard let j = laterStarts.lastIndex(where: { $0 <= offset }) else { return (firstParagraph, -startInParagraph) }
        return (firstParagraph + j + 1, laterStarts[j])
    }
}

/// What a narrative sentence states a number about.
public enum ClaimKind: Hashable, Sendable {
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
    public var title: String {
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

    /// A stable name of the kind for the model file ("totalScore", "indicatorScore").
    public var id: String {
        switch self {
        case .totalScore: return "totalScore"
        case .fundingScore: return "fundingScore"
        case .fundingWeight: return "fundingWeight"
        case .rate: return "rate"
        case .budget: return "budget"
        case .initialBudget: return "initialBudget"
        case .executed: return "executed"
        case .indicatorScore: return "indicatorScore"
        case .indicatorWeight: return "indicatorWeight"
        }
    }
}

/// A number the narrative states, where it stands, and which form it is about.
public struct NarrativeClaim: Sendable {
    public var kind: ClaimKind
    public var subject: ClaimSubject
    public var number: PrintedNumber
    /// "万元", "分" or "%" as the pattern required.
    public var unit: String
    /// Where the number is printed (a wrapped sentence reports the line of the number).
    public var location: SourceLocation
    /// The phrase that states the number ("自评综合得分为 99.98 分"), whitespace collapsed.
    public var phrase: String
    /// Index in `report.forms` of the overall or project form the narrative belongs to;
    /// nil when that is not unambiguous.
    public var target: Int?
    /// The year the sentence names last before the number ("2023年…预算"), if any.
    public var year: Int?
    /// The sentence speaks of the previous year (上年度, 去年) before the number.
    public var aboutPriorYear = false

    /// True when the claim is about `year` as far as the sentence tells.
    public func isAbout(year other: Int?) -> Bool {
        guard !aboutPriorYear else { return false }
        guard let year, let other else { return true }
        return year == other
    }
}

/// The narrative as the recogniser read it: its sentences and the numbers they state.
public struct Narrative: Sendable {
    public var sentences: [NarrativeSentence]
    public var claims: [NarrativeClaim]
    /// Every paragraph of the document with its place in reading order (sentences refer to them by index).
    let paragraphs: [PlacedParagraph]
    /// Index in `contexts` of each paragraph's context.
    let contextIndex: [Int32]
    /// The distinct contexts, in reading order.
    let contexts: [NarrativeContext]

    init(sentences: [NarrativeSentence], claims: [NarrativeClaim], paragraphs: [PlacedParagraph],
         contextIndex: [Int32], contexts: [NarrativeContext]) {
        self.sentences = sentences; self.claims = claims; self.paragraphs = paragraphs
        self.contextIndex = contextIndex; self.contexts = contexts
    }

    /// Where the sentence begins.
    public func location(of sentence: NarrativeSentence) -> SourceLocation { location(of: sentence, at: 0) }

    /// The source location of the Character at `offset` of the sentence's text.
    public func location(of sentence: NarrativeSentence, at offset: Int) -> SourceLocation {
        let (p, partStart) = sentence.paragraph(at: offset)
        var location = paragraphs[p].paragraph.location
        if location.line != nil { location.column = (location.column ?? 1) + (offset - partStart) }
        return location
    }

    /// The section and heading the sentence begins under.
    public func context(of sentence: NarrativeSentence) -> NarrativeContext { context(ofParagraph: sentence.firstParagraph) }

    /// The sentence's place in reading order (the paragraph it begins in).
    public func position(of sentence: NarrativeSentence) -> DocumentPosition { paragraphs[sentence.firstParagraph].position }

    func context(ofParagraph p: Int) -> NarrativeContext { contexts[Int(contextIndex[p])] }
}

// MARK: model file

// The narrative is written to the model file so `auditlint dump` shows what was read; it is
// derived from the document and the forms, so reading a model recomputes it and ignores these keys.

extension NarrativeContext: Encodable {
    private enum CodingKeys: String, CodingKey { case section, heading, headingSubject, headingIndicator }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(section, forKey: .section)
        try c.encodeIfPresent(heading, forKey: .heading)
        if headingSubject != .unspecified { try c.encode(headingSubject, forKey: .headingSubject) }
        try c.encodeIfPresent(headingIndicator, forKey: .headingIndicator)
    }
}

extension NarrativeClaim: Encodable {
    private enum CodingKeys: String, CodingKey { case kind, title, subject, number, unit, location, phrase, form, year, aboutPriorYear }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind.id, forKey: .kind)
        try c.encode(kind.title, forKey: .title)
        try c.encode(subject, forKey: .subject)
        try c.encode(number.text, forKey: .number)
        try c.encode(unit, forKey: .unit)
        try c.encode(location, forKey: .location)
        try c.encode(phrase, forKey: .phrase)
        try c.encodeIfPresent(target, forKey: .form)
        try c.encodeIfPresent(year, forKey: .year)
        if aboutPriorYear { try c.encode(true, forKey: .aboutPriorYear) }
    }
}

extension Narrative: Encodable {
    private enum CodingKeys: String, CodingKey { case sentences, claims }
    private enum SentenceKeys: String, CodingKey { case text, location, context, form }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        var list = c.nestedUnkeyedContainer(forKey: .sentences)
        for s in sentences {
            var e = list.nestedContainer(keyedBy: SentenceKeys.self)
            try e.encode(s.text, forKey: .text)
            try e.encode(location(of: s), forKey: .location)
            try e.encode(context(of: s), forKey: .context)
            try e.encodeIfPresent(s.form, forKey: .form)
        }
        try c.encode(claims, forKey: .claims)
    }
}
