/// One line the generator sends to the daemon, with what a correct answer must look like.
struct GeneratedRequest {
    /// What the answer must be.
    enum Expectation: Equatable {
        /// One error answer with id null and one of `codes`: the line was not a request.
        case unaddressed(codes: Set<Int>)
        /// One answer to a request with this id text (exactly as sent), an error unless the
        /// method may succeed (`mayAnswer`).
        case answer(id: String, mayAnswer: Bool)
        /// An error with one of `codes` for a line that is not quite a request, with its id
        /// or with id null (the daemon need not trust the id of a malformed request).
        case refused(id: String, codes: Set<Int>)
        /// A batch: one answer per member that is not a notification, in member order.
        case batch([Expectation?])
    }

    /// The line, without its newline.
    let line: String
    /// What its answer must be.
    let expectation: Expectation
    /// What kind of input it is, for the failure report.
    let kind: String
}
