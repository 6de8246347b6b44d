/// Recognises form titles ("2024年度项目支出绩效自评表") and what kind of form they start.
enum FormTitle {
    static func match(_ raw: String) -> (FormKind, String)? {
        guard raw.utf8.count <= 400 else { return nil }
        let t = TextNormalizer.compact(raw).removingAll("**")
        guard t.dropFirst(40).isEmpty, t.hasSuffix("表") || t.hasSuffix("报告") else { return nil }
        // References to attachments in running text are not titles.
        if t.hasPrefix("附件：") || t.hasPrefix("附件:") || t.containsText("：") && !t.hasPrefix("附") { return nil }
        if t.containsText("基础数据表") { return (.baseData, t) }
        if t.containsText("项目支出绩效自评表") || t.containsText("项目支出绩效评价表") { return (.project, t) }
        if t.containsText("整体支出绩效自评表") || t.containsText("整体支出绩效评价表") { return (.overall, t) }
        if t.containsText("绩效目标表") { return (.targets, t) }
        if t.hasSuffix("报告") { return (.other, t) }
        if ["预算", "收支", "收入", "经费", "支出", "情况表"].contains(where: { t.contains($0) }) { return (.budget, t) }
        return nil
    }
}
