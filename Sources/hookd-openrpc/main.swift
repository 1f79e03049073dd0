import HookdAPI
import HookdCore

// `hookd-openrpc`: prints the socket API's OpenRPC document, derived from the method
// descriptors; `scripts/generate-openrpc` writes it to schemas/openrpc.json.
print(try OpenRPCDocument.text(), terminator: "")
