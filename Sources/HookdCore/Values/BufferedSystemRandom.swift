import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Random bits from the system's generator, drawn a page at a time.
///
/// `SystemRandomNumberGenerator` asks the kernel for every 64 bits (a `getrandom(2)` call
/// each on Linux), and every delivery id takes two draws; this hands out the kernel's bits
/// from `/dev/urandom` (the same generator) through a buffer it refills 512 draws at a
/// time, so ids cost one system call per 256 of them instead of two each. Where the device
/// cannot be read it refills from `SystemRandomNumberGenerator`.
public struct BufferedSystemRandom: RandomNumberGenerator, Sendable {
    private static let pool = Mutex(Pool())

    /// A generator drawing from the process-wide buffer.
    public init() {}

    public mutating func next() -> UInt64 {
        Self.pool.withLock { $0.next() }
    }

    private struct Pool: ~Copyable {
        private var words = [UInt64](repeating: 0, count: 512)
        private var used = 512
        /// `/dev/urandom`, opened on the first refill and kept for the process's life.
        private var device: Int32 = -1

        mutating func next() -> UInt64 {
            if used == words.count { refill() }
            defer { used += 1 }
            return words[used]
        }

        private mutating func refill() {
            #if canImport(Glibc)
                if device < 0 { device = open("/dev/urandom", O_RDONLY | O_CLOEXEC) }
                let device = device
                let filled = device >= 0 && words.withUnsafeMutableBytes { buffer -> Bool in
                    var offset = 0
                    while offset < buffer.count {
                        let count = read(device, buffer.baseAddress! + offset, buffer.count - offset)
                        if count < 0 && errno == EINTR { continue }
                        if count <= 0 { return false }
                        offset += count
                    }
                    return true
                }
                if filled {
                    used = 0
                    return
                }
            #endif
            var system = SystemRandomNumberGenerator()
            for index in words.indices { words[index] = system.next() }
            used = 0
        }
    }
}
