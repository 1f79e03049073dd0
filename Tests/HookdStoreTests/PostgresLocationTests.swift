import HookdCore
import Testing

@testable import HookdStore

/// `--database` URLs: every form hookd accepts, and a specific reason for each it refuses.
struct PostgresLocationTests {
    @Test("postgres:// and postgresql:// with user, password, host, port and database")
    func tcpForms() throws {
        let full = try PostgresLocation(url: "postgres://hookd:s3cret@db.example.com:6543/events")
        #expect(full.endpoint == .tcp(host: "db.example.com", port: 6543))
        #expect(full.username == "hookd")
        #expect(full.password == "s3cret")
        #expect(full.database == "events")
        #expect(full.tls == .prefer)
        #expect(full.redacted == "postgres://hookd:***@db.example.com:6543/events")

        let long = try PostgresLocation(url: "postgresql://app@127.0.0.1/hookd?sslmode=disable")
        #expect(long.endpoint == .tcp(host: "127.0.0.1", port: 5432))
        #expect(long.password == nil)
        #expect(long.tls == .disable)

        // Without a database the user's name is taken, as psql does.
        #expect(try PostgresLocation(url: "postgres://app@localhost").database == "app")
        #expect(try PostgresLocation(url: "postgres://app@[::1]:5433/x").endpoint == .tcp(host: "::1", port: 5433))
    }

    @Test("?host=/DIR is a Unix socket: the socket file DIR/.s.PGSQL.PORT, without TLS")
    func unixSocket() throws {
        let socket = try PostgresLocation(url: "postgres://hookd@/hookd?host=/var/run/postgresql")
        #expect(socket.endpoint == .unixSocket(path: "/var/run/postgresql/.s.PGSQL.5432"))
        #expect(socket.tls == .disable)
        let withPort = try PostgresLocation(url: "postgresql://hookd@/events?host=/tmp/pg&port=6000")
        #expect(withPort.endpoint == .unixSocket(path: "/tmp/pg/.s.PGSQL.6000"))
        #expect(withPort.redacted == "postgres://hookd@/events?host=/tmp/pg&port=6000")
        // A percent-encoded path as the host means the same.
        #expect(try PostgresLocation(url: "postgres://hookd@%2Ftmp%2Fpg/events").endpoint
            == .unixSocket(path: "/tmp/pg/.s.PGSQL.5432"))
    }

    @Test("a URL hookd cannot use is refused with what is wrong, the password hidden")
    func refused() {
        let cases: [(String, String)] = [
            ("mysql://u@h/db", "the scheme must be postgres:// or postgresql://, not mysql://"),
            ("/var/lib/hookd", "the scheme must be postgres:// or postgresql://, not none"),
            ("postgres://u@/db", "it names no host (give one, or ?host=/DIR for a Unix socket)"),
            ("postgres://u@h/db?sslmode=verify-full", "sslmode must be disable, prefer or require, not verify-full"),
            ("postgres://u@h/db?timeout=3", "unknown parameter timeout (hookd knows host, port and sslmode)"),
            ("postgres://u@h/db?host=relative", "host= must be an absolute path to the socket's directory"),
            ("postgres://u@/db?host=/tmp&sslmode=require", "sslmode=require cannot be used over a Unix socket"),
            ("postgres://u@h/a/b", "the path must be just the database's name, not a/b"),
            ("postgres://u@h:70000/db", "port 70000 is out of range"),
        ]
        for (url, reason) in cases {
            #expect(throws: PostgresLocationError(url: url, reason), "\(url)") { try PostgresLocation(url: url) }
        }
        let error = PostgresLocationError(url: "postgres://u:hunter2@h/db?x=1", "unknown parameter x")
        #expect(error.description == "cannot use database URL postgres://u:***@h/db?x=1: unknown parameter x")
    }
}
