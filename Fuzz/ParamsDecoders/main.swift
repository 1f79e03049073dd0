import Foundation
import HookdCore

/// libFuzzer target: the params of every method of the socket API (``APIMethods/all``),
/// decoded from arbitrary JSON the way the daemon decodes them (`ParamsDecoder`: typed,
/// strict, unknown members refused).
///
/// The first byte picks the method; the rest is read as JSON. Properties: decoding never
/// crashes or hangs, it either succeeds or names at least one violation, and params it
/// accepts encode and decode again (what hookd accepts, a client can send). Built with the
/// HookdAPI sources and the decoder's by `scripts/fuzz`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParamsDecoders(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    guard let first = bytes.first else { return 0 }
    let method = APIMethods.all[Int(first) % APIMethods.all.count]
    guard case .object(let members)? = JSONValueReader.read(bytes.dropFirst()) else { return 0 }
    decodeAndRoundTrip(method.paramsType, members: members, method: method.name)
    return 0
}

/// Decodes `members` as `Params`; accepted params must survive being encoded and decoded.
func decodeAndRoundTrip<Params: Decodable & Encodable & Sendable>(
    _: Params.Type, members: [String: JSONValue], method: String
) {
    let params: Params
    do {
        params = try ParamsDecoder.decode(Params.self, from: members)
    } catch {
        precondition(!error.violations.isEmpty, "\(method): params refused without a violation")
        return
    }
    do {
        let encoded = try JSONCoding.canonicalEncoder.encode(params)
        guard case .object(let again)? = JSONValueReader.read(encoded) else {
            preconditionFailure("\(method): accepted params encode to something other than an object")
        }
        _ = try ParamsDecoder.decode(Params.self, from: again)
    } catch {
        preconditionFailure("\(method): accepted params do not decode again after encoding: \(error)")
    }
}
