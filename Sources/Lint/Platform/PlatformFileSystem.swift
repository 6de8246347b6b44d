#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The POSIX file-system calls the directory walk needs, on raw byte paths: a file name need
/// not be valid UTF-8, and Foundation's String-based listing loses such names.
enum PlatformFileSystem {
    /// What a path names: `lstat` for the entry itself, `stat` through symlinks.
    enum Kind: Equatable { case file, directory, symlink, other, missing }

    /// A path as the bytes the kernel takes, without the terminating NUL.
    typealias Path = [UInt8]

    private static func withCPath<T>(_ path: Path, _ body: (UnsafePointer<CChar>) -> T) -> T {
        (path + [0]).withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { body($0) }
        }
    }

    private static func kind(_ mode: mode_t) -> Kind {
        switch mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    /// The kind of the entry itself (a symlink is `.symlink`).
    static func entryKind(_ path: Path) -> Kind {
        var st = stat()
        return withCPath(path) { lstat($0, &st) } == 0 ? kind(st.st_mode) : .missing
    }

    /// The kind of what the path leads to through symlinks (`.missing` for a dangling link).
    static func targetKind(_ path: Path) -> Kind {
        var st = stat()
        return withCPath(path) { stat($0, &st) } == 0 ? kind(st.st_mode) : .missing
    }

    /// The absolute path with every symlink resolved; nil when it does not resolve.
    static func realPath(_ path: Path) -> Path? {
        withCPath(path) { p -> Path? in
            guard let r = realpath(p, nil) else { return nil }
            defer { free(r) }
            return Array(UnsafeBufferPointer(start: UnsafeRawPointer(r).assumingMemoryBound(to: UInt8.self), count: strlen(r)))
        }
    }

    /// The names in a directory (without "." and ".."), sorted by their bytes; nil when it cannot be read.
    static func names(in dir: Path) -> [Path]? {
        guard let d = withCPath(dir, { opendir($0) }) else { return nil }
        defer { closedir(d) }
        var out: [Path] = []
        while let e = readdir(d) {
            let name: Path = withUnsafePointer(to: e.pointee.d_name) { ptr in
                ptr.withMemoryRebound(to: UInt8.self, capacity: MemoryLayout.size(ofValue: e.pointee.d_name)) { p in
                    Array(UnsafeBufferPointer(start: p, count: strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))))
                }
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            out.append(name)
        }
        return out.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Creates a symlink at `link` (a UTF-8 path) pointing at the raw `target`.
    static func symlink(target: Path, at link: String) -> Bool {
        withCPath(target) { t in Glibc_or_Darwin_symlink(t, link) } == 0
    }

    /// Reads at most `count` bytes at `offset` of a file; empty when it cannot be read.
    static func read(_ path: Path, offset: Int, count: Int) -> [UInt8] {
        let fd = withCPath(path) { open($0, O_RDONLY | O_NONBLOCK) }
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var buf = [UInt8](repeating: 0, count: count)
        let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
        return n > 0 ? Array(buf[..<n]) : []
    }

    /// The size of a regular file in bytes (following symlinks).
    static func size(_ path: Path) -> Int {
        var st = stat()
        return withCPath(path) { stat($0, &st) } == 0 ? Int(st.st_size) : 0
    }
}

private func Glibc_or_Darwin_symlink(_ target: UnsafePointer<CChar>, _ link: String) -> Int32 {
    symlink(target, link)
}
