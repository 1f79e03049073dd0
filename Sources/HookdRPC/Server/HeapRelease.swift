#if canImport(Glibc)
import Glibc
#endif

/// Gives the heap's free memory back to the operating system: glibc's `malloc_trim(0)`.
///
/// glibc keeps what a burst of connections freed in its arenas (one per thread that
/// allocated), so without this a daemon that once served thousands of clients stays that
/// large for good. Looked up with `dlsym` because Swift's Glibc module leaves `malloc.h` out;
/// on a C library without it (musl) this does nothing.
enum HeapRelease {
    private typealias Trim = @convention(c) (Int) -> CInt

    /// `malloc_trim`, if the C library has it.
    private static let trim: Trim? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: Trim.self)
        #else
        return nil
        #endif
    }()

    /// Returns every free page of every arena to the operating system; a few milliseconds on a
    /// large heap, so call it after a burst, not per connection.
    static func releaseFreeMemory() {
        _ = trim?(0)
    }
}
