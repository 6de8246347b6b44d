/// The unit a table states for its amounts in a line such as "单位：元" or "（单位：万元）".
enum StatedUnit {
    static let units = ["万元", "千元", "亿元", "元"]

    /// "万元" for "编制部门：…  单位：万元"; nil when the text states no unit.
    static func find(in raw: String) -> String? {
        guard raw.utf8.count <= 600, raw.containsText("单位") else { return nil }
        let t = TextNormalizer.compact(raw)
        guard let r = t.range(of: "单位：") ?? t.range(of: "单位:") else { return nil }
        let rest = t[r.upperBound...]
        return units.first { rest.hasPrefix($0) }
    }
}
