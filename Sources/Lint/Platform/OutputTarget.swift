import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `--output` or `--write-baseline` writes, and how, decided before anything is written.
///
/// - A regular file (or a path that does not exist yet) is replaced atomically: the bytes go to
///   a temporary file made by `mkstemp` (exclusive, unpredictable name) in the same directory,
///   with the permissions the file has (or would get), which is then renamed over it. A symlink
///   to a regular file is followed: the file it names is replaced, the link stays.
/// - Anything else (a device such as /dev/null, a FIFO, a terminal, /dev/stdout) is written
///   straight to: renaming over it would replace the node with a regular file.
/// - This process's own standard output or error, named as a file (/dev/stdout or
///   /proc/self/fd/1 while the shell sends standard output to a file), is written through the
///   open descriptor, where the stream stands, as a shell redirection to /dev/stdout does:
///   replacing that file would cut the caller's stream off from it, and everything the caller
///   wrote before or after the report would be lost.
struct OutputTarget {
    enum Kind {
        /// Replace `destination` by renaming a temporary file over it.
        case atomic(destination: String, mode: mode_t)
        /// Open and write the node itself.
        case direct(String)
        /// Write through this open descriptor (standard output or error).
        case descriptor(Int32)
    }

    let kind: Kind

    struct Failure: Error, LocalizedError {
        var reason: String
        var errorDescription: String? { reason }
    }

    /// Classifies `path`; throws a message naming the problem (a missing folder, a directory).
    init(_ path: String) throws {
        var st = stat()
        if stat(path, &st) == 0 {
            switch st.st_mode & S_IFMT {
            case S_IFREG:
                if let stream = Self.standardStream(sameAs: st) {
                    kind = .descriptor(stream)
                    return
                }
                // Follow a symlink to the file it names, so the link is kept and the file replaced.
                let resolved = realpath(path, nil).map { p in defer { free(p) }; return String(cString: p) } ?? path
                kind = .atomic(destination: resolved, mode: st.st_mode & 0o7777)
            case S_IFDIR:
                throw Failure(reason: "\(path) 是一个文件夹，不是文件")
            default:
                kind = .direct(path)
            }
            return
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var dirStat = stat()
        guard stat(folder, &dirStat) == 0 else { throw Failure(reason: "文件夹 \(folder) 不存在") }
        guard dirStat.st_mode & S_IFMT == S_IFDIR else { throw Failure(reason: "\(folder) 不是文件夹") }
        // A new file gets what the umask allows, as a plain shell redirection would give it.
        let mask = umask(0)
        umask(mask)
        kind = .atomic(destination: path, mode: 0o666 & ~mask)
    }

    /// Standard output or error, when it is the file `st` describes.
    private static func standardStream(sameAs st: stat) -> Int32? {
        for fd: Int32 in [1, 2] {
            var open = stat()
            if fstat(fd, &open) == 0, open.st_dev == st.st_dev, open.st_ino == st.st_ino { return fd }
        }
        return nil
    }

    /// The device and inode of the existing target, to refuse writing over an input.
    static func identity(_ path: String) -> (dev: UInt64, ino: UInt64)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (UInt64(st.st_dev), UInt64(st.st_ino))
    }

    /// An open descriptor to write to, and the temporary file to rename (nil for a direct write).
    func openForWriting() throws -> (fd: Int32, temporary: String?) {
        switch kind {
        case .direct(let path):
            let fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
            guard fd >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
            return (fd, nil)
        case .descriptor(let stream):
            let fd = fcntl(stream, F_DUPFD_CLOEXEC, 0)
            guard fd >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
            return (fd, nil)
        case .atomic(let destination, let mode):
            let url = URL(fileURLWithPath: destination)
            var template = Array(url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).XXXXXX").path.utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            // mkstemp makes the file 0600; give it the permissions the target has or would get.
            fchmod(fd, mode)
            return (fd, String(cString: template))
        }
    }

    /// Moves a finished temporary file into place.
    func commit(temporary: String) throws {
        guard case .atomic(let destination, _) = kind else { return }
        if rename(temporary, destination) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(reason: reason)
        }
    }
}
