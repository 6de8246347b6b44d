#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `fnmatch(3)`, the one C call the globs need, kept in this platform file so that the rest of
/// Core imports no C library.
public enum PlatformFnmatch {
    /// FNM_CASEFOLD: 1 << 4 in glibc and in Darwin's libc; glibc declares it only under _GNU_SOURCE.
    private static let caseFold: Int32 = 1 << 4

    /// True when `name` matches the shell pattern. `pathname`: "*" and "?" do not match "/".
    /// `caseInsensitive`: letters match either case (FNM_CASEFOLD, a GNU and BSD extension).
    public static func matches(_ pattern: String, _ name: String, pathname: Bool = false, caseInsensitive: Bool = false) -> Bool {
        var flags: Int32 = 0
        if pathname { flags |= FNM_PATHNAME }
        if caseInsensitive { flags |= caseFold }
        return fnmatch(pattern, name, flags) == 0
    }
}
