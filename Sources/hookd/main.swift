import HookdDaemon; import ArgumentParser; import Logging
