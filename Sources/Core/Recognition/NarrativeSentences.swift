import Foundation

/// Reads the narrative into sentences: each paragraph's report section and heading are
/// followed in reading order, wrapped lines are re-joined (`LineJoiner`), and the joined texts
/// are cut into sentences (`SentenceSplitter`), each knowing where every part of it stands.
enum NarrativeSentences {
    private static let headingStart = try! NSRegularExpression(
        pattern: #"^(?:#+\s*)?(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[)）]|[㈠-㈩]|[0-9]+\s*[.、．](?![0-9]))"#)
    private static let indicatorName = try! NSRegularExpression(pattern: #"([\p{Han}]{2,8}指标)"#)

    /// The narrative of every paragraph of the document, in reading order, without its claims.
    static func read(_ paragraphs: [PlacedParagraph], spans: [FormSpan], forms: [Form], linesWrap: Bool) -> Narrative {
        var context = NarrativeContext()
        var contexts: [NarrativeContext] = []
        var contextIndex: [Int32] = []
        var texts: [String] = []
        contextIndex.reserveCapacity(paragraphs.count)
        texts.reserveCapacity(paragraphs.count)
        for (i, placed) in paragraphs.enumerated() {
            let text = TextNormalizer.normalize(placed.paragraph.text)
            // The text is normalised already: compacting it only drops its spaces.
            let compacted = text.unicodeScalars.contains(where: TextNormalizer.isSpace)
                ? String(String.UnicodeScalarView(text.unicodeScalars.filter { !TextNormalizer.isSpace($0) })) : text
            if isSectionTitle(compacted: compacted) {
                let before = i > 0 ? TextNormalizer.compact(paragraphs[i - 1].paragraph.text) : ""
                let title = before.dropFirst(40).isEmpty ? before + compacted : compacted
                context = NarrativeContext()
                context.section = title.removingAll("*")
                context.sectionStart = placed.position
                context.sectionWholeUnit = title.contains("整体")
                context.sectionProject = title.contains("项目")
                contexts.append(context)
            } else if isHeading(compacted: compacted) {
                context.heading = compacted
                context.headingSubject = ClaimSubjects.last(in: text[...]) ?? .unspecified
                context.headingIndicator = firstMatch(indicatorName, in: text)
                contexts.append(context)
            }
            if contexts.isEmpty { contexts.append(context) }
            texts.append(text)
            contextIndex.append(Int32(contexts.count - 1))
        }
        let targets = FormTargets(spans: spans, forms: forms)
        var sentences: [NarrativeSentence] = []
        for run in LineJoiner.runs(paragraphs, linesWrap: linesWrap, formStarts: spans.map(\.start)) {
            let text = run.count == 1 ? texts[run.lowerBound] : run.map { texts[$0] }.joined()
            let plain = SentenceSplitter.isPlain(text)
            // Character offsets of each paragraph within the joined text.
            var starts: [Int] = []
            if run.count > 1 {
                var count = 0
                for k in run { starts.append(count); count += plain ? texts[k].unicodeScalars.count : texts[k].count }
            } else {
                starts = [0]
            }
            var first = 0
            for span in SentenceSplitter.split(text, plain: plain) {
                // The paragraphs the sentence spans: from the last one starting at or before its
                // start (later empty paragraphs at the same offset count, as for any offset).
                while first + 1 < starts.count && starts[first + 1] <= span.start { first += 1 }
                var later: [Int] = []
                var k = first + 1
                while k < starts.count && starts[k] < span.end { later.append(starts[k] - span.start); k += 1 }
                let p = run.lowerBound + first
                let form = targets.target(paragraphs[p].position, contexts[Int(contextIndex[p])])
                sentences.append(NarrativeSentence(slice: span.text, firstParagraph: p, startInParagraph: span.start - starts[first],
                                                   laterStarts: later, form: form,
                                                   plain: plain || SentenceSplitter.isPlain(String(span.text))))
            }
        }
        return Narrative(sentences: sentences, claims: [], paragraphs: paragraphs, contextIndex: contextIndex, contexts: contexts)
    }

    /// "…整体支出绩效自评报告", "绩效自评报告": a report (or a project's report) begins.
    private static func isSectionTitle(compacted: String) -> Bool {
        let t = compacted.removingAll("*")
        return t.dropFirst(40).isEmpty && t.hasSuffix("报告") && (t.contains("自评") || t.contains("评价"))
    }

    /// The scalars a heading can begin with (`headingStart`'s first alternatives): a cheap test
    /// before the regular expression, which most lines of a long narrative fail.
    private static let headingInitials: Set<Unicode.Scalar> = Set("#一二三四五六七八九十（(0123456789".unicodeScalars)

    private static func isHeading(compacted t: String) -> Bool {
        guard let first = t.unicodeScalars.first,
              headingInitials.contains(first) || ("㈠"..."㈩").contains(first) else { return false }
        guard t.dropFirst(40).isEmpty, !t.contains("。") else { return false }
        return headingStart.firstMatch(in: t, range: NSRange(location: 0, length: (t as NSString).length)) != nil
    }

    private static func firstMatch(_ regex: NSRegularExpression, in text: String) -> String? {
        let ns = text as NSString
        guard let m = regex.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return ns.substring(with: m.range(at: 1))
    }
}

/// The form a narrative paragraph introduces.
struct FormTargets {
    let spans: [FormSpan]
    let forms: [Form]
    /// The overall and project forms, in reading order.
    let candidates: [Int]

    init(spans: [FormSpan], forms: [Form]) {
        self.spans = spans
        self.forms = forms
        candidates = forms.indices.filter { [.overall, .project].contains(forms[$0].kind) }
    }

    /// The form a paragraph at `position` is about: the next overall or project form, unless
    /// such a form already began within the paragraph's section (then the paragraph trails a
    /// form rather than introducing one) or the section title names the other kind.
    func target(_ position: DocumentPosition, _ context: NarrativeContext) -> Int? {
        // Candidates are in reading order: the first one after the paragraph is found by bisection.
        var lo = 0, hi = candidates.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if spans[candidates[mid]].start > position { hi = mid } else { lo = mid + 1 }
        }
        guard lo < candidates.count else { return nil }
        let next = candidates[lo]
        if lo > 0 && spans[candidates[lo - 1]].start >= context.sectionStart { return nil }
        let kind = forms[next].kind
        if context.sectionWholeUnit && kind != .overall { return nil }
        if context.sectionProject && !context.sectionWholeUnit && kind != .project { return nil }
        return next
    }
}

/// The words that name whose quantity a sentence talks about.
enum ClaimSubjects {
    static let words: [(String, ClaimSubject)] = [
        ("三公", .threePublic), ("基本支出", .basicSpending), ("人员经费", .basicSpending), ("公用经费", .basicSpending),
        // "项目支出" before "项目": at the same place the longer word wins. A bare 项目 ("5 个项目
        // 执行率 100%") or a source of funds names a part, not the whole.
        ("项目支出", .projectSpending), ("整体支出", .wholeUnit), ("部门整体", .wholeUnit), ("单位整体", .wholeUnit),
        ("专项", .other), ("项目", .other), ("一般公共预算", .other), ("政府性基金", .other), ("财政拨款", .other),
        ("非税", .other), ("其他资金", .other),
        // A budget subject named by its level ("教育（类）进修及培训（款）培训支出（项）") is one line of a ledger.
        ("（类）", .other), ("（款）", .other), ("（项）", .other), ("(类)", .other), ("(款)", .other), ("(项)", .other),
    ]

    /// The subject named last in `text`, if any.
    static func last(in text: Substring) -> ClaimSubject? {
        let searchable = SearchableText(String(text))
        var best: (Int, ClaimSubject)?
        for (word, subject) in words {
            if let at = searchable.lastOffset(of: word), best == nil || at > best!.0 {
                best = (at, subject)
            }
        }
        return best?.1
    }
}
