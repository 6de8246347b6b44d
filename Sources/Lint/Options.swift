import Core

/// Output formats of a lint run.
enum OutputFormat: String, CaseIterable { case text, json, sarif }

/// Parsed command-line options of a lint run.
struct Options {
    var paths: [String] = []
    var format: OutputFormat = .text
    var output: String?
    var config: String?
    var noConfig = false
    var maxWarnings: Int?
    var jobs: Int?
    var quiet = false
    /// `--enable`, `--disable` and `--severity` in order: the last layer, over every file.
    var ruleFlags: [(id: String, patch: RulePatch)] = []
    var allowPlugins = false
    var baseline: String?
    var writeBaseline: String?
    /// Text output lists baselined findings too.
    var showSuppressed = false
    /// The options that decide the configuration (`--config`, `--no-config`, rule flags,
    /// `--allow-plugins`), as given: a worker process is started with them.
    var configArguments: [String] = []

    struct UsageError: Error { var message: String }

    static let help = """
    用法: auditlint [选项] 路径...        检查文件或目录（递归）
          auditlint rules [--config F|--no-config] [--format text|markdown]
                                          列出全部规则及其在当前配置下的开关与级别
          auditlint explain 规则ID        规则说明与示例
          auditlint dump 文件             打印识别出的模型（JSON）

    选项:
      --format text|json|sarif   输出格式（默认 text）
      --output 文件              写入文件（原子写入）而不是标准输出
      --config 文件              使用指定的 .lintrc（默认从当前目录向上查找 .lintrc）
      --no-config                不读取任何 .lintrc
      --max-warnings N           警告数超过 N 时退出码为 1
      --enable 规则ID            启用规则（可重复；优先于配置文件）
      --disable 规则ID           关闭规则（可重复）
      --severity 规则ID=级别     设置规则级别 note|warning|error（可重复）
      --allow-plugins            允许运行配置中的外部插件（或设置 AUDITLINT_ALLOW_PLUGINS=1）
      --baseline 文件            抑制基线中已记录的发现；只有新发现决定退出码
      --write-baseline 文件      把本次全部发现写为基线（退出码 0，除非工具出错）
      --show-suppressed          文本输出也列出被基线抑制的发现
      --jobs N                   并行处理的文件数（默认：CPU 核数）
      -q, --quiet                文本输出只列出错误
      -h, --help                 显示帮助

    退出码: 0 无错误级发现；1 有错误级发现或警告超过 --max-warnings；2 用法、配置或内部错误。
    """

    static func parse(_ args: [String]) throws -> Options {
        var o = Options()
        var i = 0
        func value(_ name: String) throws -> String {
            i += 1
            guard i < args.count else { throw UsageError(message: "\(name) 需要一个值") }
            return args[i]
        }
        while i < args.count {
            let a = args[i]
            var name = a, inline: String?
            if a.hasPrefix("--"), let eq = a.firstIndex(of: "=") {
                name = String(a[..<eq]); inline = String(a[a.index(after: eq)...])
            }
            func arg() throws -> String { if let inline { return inline }; return try value(name) }
            let first = i
            // Runs after `i += 1`, so `first..<i` are the tokens this option took.
            defer {
                if ["--config", "--no-config", "--enable", "--disable", "--severity", "--allow-plugins"].contains(name) {
                    o.configArguments += args[first..<min(i, args.count)]
                }
            }
            switch name {
            case "--format":
                let v = try arg()
                guard let f = OutputFormat(rawValue: v) else { throw UsageError(message: "--format 只能是 text、json 或 sarif，而不是 \(v)") }
                o.format = f
            case "--output", "-o": o.output = try arg()
            case "--config": o.config = try arg()
            case "--no-config": o.noConfig = true
            case "--max-warnings":
                let v = try arg()
                guard let n = Int(v), n >= 0 else { throw UsageError(message: "--max-warnings 需要非负整数，而不是 \(v)") }
                o.maxWarnings = n
            case "--jobs", "-j":
                let v = try arg()
                guard let n = Int(v), n >= 1 else { throw UsageError(message: "--jobs 需要正整数，而不是 \(v)") }
                o.jobs = n
            case "-q", "--quiet": o.quiet = true
            case "--enable": o.ruleFlags.append((try arg(), RulePatch(enabled: true)))
            case "--disable": o.ruleFlags.append((try arg(), RulePatch(enabled: false)))
            case "--severity":
                let v = try arg()
                let parts = v.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty, let sev = Severity(rawValue: parts[1]) else {
                    throw UsageError(message: "--severity 需要 规则ID=note|warning|error，而不是 \(v)")
                }
                o.ruleFlags.append((parts[0], RulePatch(enabled: true, severity: sev)))
            case "--allow-plugins": o.allowPlugins = true
            case "--baseline": o.baseline = try arg()
            case "--write-baseline": o.writeBaseline = try arg()
            case "--show-suppressed": o.showSuppressed = true
            case "--":
                o.paths += args[(i + 1)...]; i = args.count; continue
            default:
                if a.hasPrefix("-") && a.count > 1 { throw UsageError(message: "未知选项 \(a)") }
                o.paths.append(a)
            }
            i += 1
        }
        return o
    }
}
