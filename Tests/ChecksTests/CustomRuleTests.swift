import Foundation
import XCTest
import Core
import Checks

/// Declarative `.lintrc` rules and config layering, on the real seeds.
final class CustomRuleTests: XCTestCase {
    /// Settings from a config object, as `.lintrc` would give them.
    func settings(_ json: String, file: String = "/tmp/auditlint-test/.lintrc") throws -> LintSettings {
        var loader = ConfigLoader(knownRules: Set(BuiltinChecks.registry.ids))
        let obj = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        return try loader.apply(obj, file: file, directory: "/tmp/auditlint-test", to: LintSettings())
    }

    func configError(_ json: String) -> ConfigError? {
        do { _ = try settings(json); return nil } catch let e as ConfigError { return e } catch { XCTFail("\(error)"); return nil }
    }

    func lint(_ text: String, path: String, _ s: LintSettings) throws -> [Diagnostic] {
        var registry = BuiltinChecks.registry
        for c in try CustomRules.checks(s.customRules) { registry.register(c) }
        return LintEngine(registry: registry, settings: s).lint(data: Data(text.utf8), path: path).diagnostics
    }

    static let sangong = """
    {"customRules": [{"id": "sangong-sum", "type": "sum", "severity": "error",
      "expression": "三公经费 = 1、公务用车购置和维护经费 + 出国经费 + 公务接待"}],
     "rules": {"sum-mismatch": "off"}}
    """

    /// Seed 001's base-data table: 三公经费 2024年预算数 59.33 = 42.97 + 8.56 + 7.8. Line 21
    /// is changed to 60.33; with the built-in sum-mismatch off, only the custom rule can see it.
    func testSumRuleCatchesInjectedSangongError() throws {
        let s = try settings(Self.sangong)
        let clean = try lint(TestSupport.seedText("001"), path: "001.txt", s).filter { $0.ruleId == "sangong-sum" }
        XCTAssertEqual(clean.map(\.message), [], "the real table adds up, also across the blank 出国经费 2023 cell")
        let text = TestSupport.mutate(TestSupport.seedText("001"), line: 21, replacing: "59.33", with: "60.33")
        let found = try lint(text, path: "001.txt", s).filter { $0.ruleId == "sangong-sum" }
        XCTAssertEqual(found.map(\.location.line), [21])
        XCTAssertEqual(found.first?.severity, .error)
        XCTAssertEqual(found.first?.actual, "60.33")
        XCTAssertEqual(found.first?.expected, "59.33")
        XCTAssertTrue(found.first?.message.contains("2024年预算数") ?? false, found.first?.message ?? "")
        XCTAssertEqual(found.first?.related.count, 3, "each item of the right side is a related location")
    }

    func testSumRuleRespectsPrintedPrecisionAndRelation() throws {
        // 56.67 + 0 + 7.78 = 64.45: printing the total as 64.5 (one decimal) still agrees.
        let s = try settings(Self.sangong)
        let text = TestSupport.mutate(TestSupport.seedText("001"), line: 20, replacing: "64.45", with: "64.5")
        XCTAssertEqual(try lint(text, path: "001.txt", s).filter { $0.ruleId == "sangong-sum" }.count, 0)
        // "<=" accepts a total below the items' sum and reports one above it.
        let atMost = try settings(#"{"customRules": [{"id": "cap", "type": "sum", "expression": "三公经费 <= 公务用车购置和维护经费 + 出国经费 + 公务接待", "columns": ["2024年预算"]}]}"#)
        let lower = TestSupport.mutate(TestSupport.seedText("001"), line: 21, replacing: "59.33", with: "50.00")
        XCTAssertEqual(try lint(lower, path: "001.txt", atMost).filter { $0.ruleId == "cap" }.count, 0)
        let higher = TestSupport.mutate(TestSupport.seedText("001"), line: 21, replacing: "59.33", with: "70.00")
        XCTAssertEqual(try lint(higher, path: "001.txt", atMost).filter { $0.ruleId == "cap" }.map(\.location.line), [21])
    }

    func testPatternRuleFlagsYesNoTargets() throws {
        let s = try settings(#"{"customRules": [{"id": "no-yes-no-target", "type": "pattern", "fields": ["target"], "regex": "是否提升|是否及时", "forms": ["project"]}]}"#)
        let found = try lint(TestSupport.seedText("001"), path: "001.txt", s).filter { $0.ruleId == "no-yes-no-target" }
        XCTAssertEqual(found.count, 20)
        XCTAssertTrue(found.contains { $0.location.line == 1760 && $0.message.contains("提升企业获得感受惠面") && $0.message.contains("是否提升") })
        XCTAssertTrue(found.contains { $0.location.line == 1737 && $0.message.contains("是否及时") })
        XCTAssertEqual(Set(found.map(\.severity)), [.warning], "the default severity of a custom rule")
        // Seed 000 has no such targets.
        XCTAssertEqual(try lint(TestSupport.seedText("000"), path: "000.txt", s).filter { $0.ruleId == "no-yes-no-target" }.count, 0)
    }

    func testRequireRuleNeedsNumericSatisfactionTarget() throws {
        let s = try settings(#"{"customRules": [{"id": "satisfaction", "type": "require", "forms": ["project"], "indicator": "满意度", "numericTarget": true, "message": "{form} 缺少{what}"}]}"#)
        let found = try lint(TestSupport.seedText("001"), path: "001.txt", s).filter { $0.ruleId == "satisfaction" }
        // Of 001's project forms, one states its 满意度 target only in words (line 1579).
        XCTAssertEqual(found.map(\.location.line), [1579])
        XCTAssertTrue(found[0].message.hasSuffix("缺少指标「复核工作满意度」的数值目标"), found[0].message)
        // 000's overall form has 成本指标 and 可持续影响指标 rows, but none named 公众获得感指标.
        let missing = try settings(#"{"customRules": [{"id": "need-public-indicator", "type": "require", "forms": ["overall"], "indicator": "^公众获得感指标$"}]}"#)
        XCTAssertEqual(try lint(TestSupport.seedText("000"), path: "000.txt", missing).filter { $0.ruleId == "need-public-indicator" }.count, 1)
        let column = try settings(#"{"customRules": [{"id": "note-column", "type": "require", "column": "偏差原因分析及改进措施", "forms": ["overall"]}]}"#)
        XCTAssertEqual(try lint(TestSupport.seedText("000"), path: "000.txt", column).filter { $0.ruleId == "note-column" }.count, 0)
        let form = try settings(#"{"customRules": [{"id": "need-project", "type": "require", "form": true, "forms": ["project"]}]}"#)
        XCTAssertEqual(try lint(TestSupport.seedText("000"), path: "000.txt", form).filter { $0.ruleId == "need-project" }.map(\.location.line), [1])
        XCTAssertEqual(try lint(TestSupport.seedText("001"), path: "001.txt", form).filter { $0.ruleId == "need-project" }.count, 0)
    }

    func testPathScopeOfCustomRules() throws {
        let s = try settings(#"{"customRules": [{"id": "no-yes-no-target", "type": "pattern", "fields": "target", "regex": "是否提升", "paths": ["projects/**"]}]}"#)
        XCTAssertEqual(try lint(TestSupport.seedText("001"), path: "/tmp/auditlint-test/other/001.txt", s).filter { $0.ruleId == "no-yes-no-target" }.count, 0)
        XCTAssertEqual(try lint(TestSupport.seedText("001"), path: "/tmp/auditlint-test/projects/001.txt", s).filter { $0.ruleId == "no-yes-no-target" }.count, 12)
    }

    func testInvalidRulesNameTheKeyPath() {
        let cases: [(String, String, String)] = [
            (#"{"customRules": [{"id": "a", "type": "sum", "expression": "合计 == a + b"}]}"#, "customRules[0].expression", "未知运算符"),
            (#"{"customRules": [{"id": "a", "type": "sum", "expression": "合计 < a + b"}]}"#, "customRules[0].expression", "未知运算符"),
            (#"{"customRules": [{"id": "a", "type": "sum", "expression": "合计 a + b"}]}"#, "customRules[0].expression", "没有关系符"),
            (#"{"customRules": [{"id": "a", "type": "sum", "expression": "合计 = a + "}]}"#, "customRules[0].expression", "有空项"),
            (#"{"customRules": [{"id": "a", "type": "pattern", "fields": ["target"], "regex": "是否("}]}"#, "customRules[0].regex", "无效的正则表达式"),
            (#"{"customRules": [{"id": "a", "type": "pattern", "fields": ["score"], "regex": "x"}]}"#, "customRules[0].fields[0]", "未知字段"),
            (#"{"customRules": [{"id": "a", "type": "pattern", "fields": ["target"], "regex": "x", "message": "{oops}"}]}"#, "customRules[0].message", "未知占位符"),
            (#"{"customRules": [{"id": "sum-mismatch", "type": "require", "form": true}]}"#, "customRules[0].id", "内置规则"),
            (#"{"customRules": [{"id": "Bad Id", "type": "require", "form": true}]}"#, "customRules[0].id", "小写 id"),
            (#"{"customRules": [{"id": "a", "type": "count"}]}"#, "customRules[0].type", "应为"),
            (#"{"customRules": [{"id": "a", "type": "require"}]}"#, "customRules[0]", "需要"),
            (#"{"customRules": [{"id": "a", "type": "require", "form": true, "forms": ["projects"]}]}"#, "customRules[0].forms[0]", "未知表格类型"),
            (#"{"plugins": [{"id": "p", "command": "python3 x.py"}]}"#, "plugins[0].command", "列表"),
            (#"{"plugins": [{"id": "p", "command": ["x"], "timeout": -1}]}"#, "plugins[0].timeout", "秒数"),
            (#"{"overrides": [{"files": [], "rules": {}}]}"#, "overrides[0].files", "glob"),
            (#"{"overrides": [{"files": "*.txt", "rules": {"no-such-rule": "off"}}]}"#, "overrides[0].rules.no-such-rule", "没有这个规则 id"),
            (#"{"scoring": {"caps": [[80, 89]]}}"#, "scoring.caps[0]", "小数"),
        ]
        for (json, key, reason) in cases {
            let e = configError(json)
            XCTAssertEqual(e?.keyPath, key, json)
            XCTAssertTrue(e?.reason.contains(reason) ?? false, "\(json): \(e?.reason ?? "no error")")
        }
    }

    func testOverridesApplyByPathAndLaterLayersWin() throws {
        let s = try settings("""
        {"rules": {"templated-indicator": "warning"},
         "overrides": [
           {"files": ["legacy/**"], "rules": {"templated-indicator": "off"}},
           {"files": ["legacy/keep/*.txt"], "rules": {"templated-indicator": {"enabled": true, "severity": "note"}}}
         ]}
        """)
        XCTAssertEqual(s.effective(for: "/tmp/auditlint-test/new/a.txt").rule("templated-indicator"), RuleSettings(enabled: true, severity: .warning))
        XCTAssertFalse(s.effective(for: "/tmp/auditlint-test/legacy/a.txt").rule("templated-indicator").enabled)
        XCTAssertEqual(s.effective(for: "/tmp/auditlint-test/legacy/keep/a.txt").rule("templated-indicator"), RuleSettings(enabled: true, severity: .note))
        // On a real seed: the override turns 004's templated-indicator errors into notes.
        let diags = try lint(TestSupport.seedText("004"), path: "/tmp/auditlint-test/legacy/keep/004.txt", s).filter { $0.ruleId == "templated-indicator" }
        XCTAssertEqual(diags.map(\.location.line), [648, 684, 721])
        XCTAssertEqual(Set(diags.map(\.severity)), [.note])
    }

    func testExtendsLayersFilesInOrder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("auditlint-extends-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("shared"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try #"{"rules": {"missing-deviation-note": "error", "templated-indicator": "off"}, "tolerance": {"absolute": 0.05}}"#
            .write(to: dir.appendingPathComponent("shared/province.json"), atomically: true, encoding: .utf8)
        try #"{"extends": "shared/province.json", "rules": {"templated-indicator": "warning"}}"#
            .write(to: dir.appendingPathComponent(".lintrc"), atomically: true, encoding: .utf8)
        var loader = ConfigLoader(knownRules: Set(BuiltinChecks.registry.ids))
        let s = try loader.load(path: dir.appendingPathComponent(".lintrc").path)
        XCTAssertEqual(s.rule("missing-deviation-note").severity, .error, "inherited")
        XCTAssertEqual(s.rule("templated-indicator"), RuleSettings(enabled: true, severity: .warning), "the extending file wins")
        XCTAssertEqual(s.absoluteTolerance, Decimal(string: "0.05"))
        XCTAssertEqual(s.sources.count, 2)
        // A cycle is an error naming the chain.
        try #"{"extends": "../.lintrc"}"#.write(to: dir.appendingPathComponent("shared/province.json"), atomically: true, encoding: .utf8)
        var again = ConfigLoader(knownRules: Set(BuiltinChecks.registry.ids))
        XCTAssertThrowsError(try again.load(path: dir.appendingPathComponent(".lintrc").path)) { e in
            XCTAssertTrue((e as? ConfigError)?.reason.contains("形成循环") ?? false, "\(e)")
        }
    }

    func testSumIdentityParsing() throws {
        let id = try SumIdentity.parse("合计 = 其中：基本支出 + 2、项目支出|项目经费 - 结转 ")
        XCTAssertEqual(id.relation, .equal)
        XCTAssertEqual(id.left.map(\.labels), [["合计"]])
        XCTAssertEqual(id.right.map(\.labels), [["基本支出"], ["项目支出", "项目经费"], ["结转"]])
        XCTAssertEqual(id.right.map(\.negative), [false, false, true])
        XCTAssertEqual(try SumIdentity.parse("a ≥ b＋c").relation, .atLeast)
        XCTAssertEqual(try SumIdentity.parse("2023-2024合计 <= a").left.map(\.labels), [["2023-2024合计"]], "a hyphen inside a label is not a minus")
    }
}

/// The documented example config must load without errors or warnings.
final class ExampleConfigTests: XCTestCase {
    func testLintrcExampleLoadsCleanly() throws {
        var loader = ConfigLoader(knownRules: Set(BuiltinChecks.registry.ids))
        let s = try loader.load(path: TestSupport.root.appendingPathComponent(".lintrc.example").path)
        XCTAssertEqual(loader.warnings, [])
        XCTAssertEqual(s.customRules.map(\.id), ["sangong-sum", "no-yes-no-target", "satisfaction-required"])
        XCTAssertEqual(s.plugins.map(\.id), ["local-scoring"])
        XCTAssertEqual(s.scoreCaps.count, 4)
        XCTAssertFalse(s.effective(for: TestSupport.root.appendingPathComponent("legacy/a.txt").path).rule("templated-indicator").enabled)
    }
}
