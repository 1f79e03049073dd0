/// The most a manifest file may hold, so a hostile file (an alias bomb, a deep nest, a
/// file of gigabytes) is refused in bounded time and memory instead of being expanded.
///
/// The bounds apply to each file; docs/manifests.md states them.
public struct ManifestBounds: Sendable, Equatable {
    /// Bytes of YAML text.
    public var maximumBytes: Int
    /// YAML documents (`---`-separated resources).
    public var maximumDocuments: Int
    /// Nesting of mappings and sequences, counted with what aliases repeat.
    public var maximumDepth: Int
    /// Nodes (scalars, mappings, sequences), counting those aliases repeat each time.
    public var maximumNodes: Int
    /// Nodes repeated by aliases, over all the aliases of the file.
    public var maximumAliasedNodes: Int

    /// Bounds well above any real manifest (an export of 10,000 webhooks is about 3 MB,
    /// 200,000 nodes and 10,001 documents) and well below what hurts.
    public static let standard = ManifestBounds(
        maximumBytes: 16 << 20, maximumDocuments: 100_000, maximumDepth: 100, maximumNodes: 2_000_000,
        maximumAliasedNodes: 100_000)

    /// Bounds with every limit given.
    public init(
        maximumBytes: Int, maximumDocuments: Int, maximumDepth: Int, maximumNodes: Int, maximumAliasedNodes: Int
    ) {
        self.maximumBytes = maximumBytes
        self.maximumDocuments = maximumDocuments
        self.maximumDepth = maximumDepth
        self.maximumNodes = maximumNodes
        self.maximumAliasedNodes = maximumAliasedNodes
    }
}
