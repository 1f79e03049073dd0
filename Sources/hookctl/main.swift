import HookdRPC; import ArgumentParser; import NIOHTTP1; import HookdManifest
