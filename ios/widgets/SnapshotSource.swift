// Reads widget snapshots through the App Group the app shares with this extension, and
// refreshes them from the server with the widget token and the kept ETag.
// NOT BUILT HERE: see docs/widgets.md ("iOS").

import Foundation

struct SnapshotSource {
    static let appGroup = "group.dev.cryptoorchestrator.app"
    static let tokenKey = "co.widget.token"
    static let apiUrlKey = "co.widget.apiUrl"

    let defaults = UserDefaults(suiteName: SnapshotSource.appGroup)

    private func bodyKey(_ kind: WidgetKind, _ size: WidgetSizeName) -> String {
        "co.widget.snapshot.\(kind.rawValue).\(size.rawValue)"
    }

    private func etagKey(_ kind: WidgetKind, _ size: WidgetSizeName) -> String {
        bodyKey(kind, size) + ".etag"
    }

    /// The kept payload bytes (written by the app or by a previous refresh).
    func kept(_ kind: WidgetKind, _ size: WidgetSizeName) -> Data? {
        defaults?.data(forKey: bodyKey(kind, size))
    }

    /// GET /widgets/{kind}?size= with If-None-Match; keeps a 200's body and ETag.
    /// A 401/403 (revoked token) forgets the kept payload.
    func refresh(_ kind: WidgetKind, _ size: WidgetSizeName) async -> Data? {
        guard
            let token = defaults?.string(forKey: SnapshotSource.tokenKey),
            let base = defaults?.string(forKey: SnapshotSource.apiUrlKey),
            let url = URL(string: "\(base)/widgets/\(kind.rawValue)?size=\(size.rawValue)")
        else { return kept(kind, size) }
        var request = URLRequest(url: url)
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let etag = defaults?.string(forKey: etagKey(kind, size)), kept(kind, size) != nil {
            request.setValue(etag, forHTTPHeaderField: "If-None-Match")
        }
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            guard let http = response as? HTTPURLResponse else { return kept(kind, size) }
            switch http.statusCode {
            case 200:
                defaults?.set(data, forKey: bodyKey(kind, size))
                defaults?.set(http.value(forHTTPHeaderField: "ETag"), forKey: etagKey(kind, size))
                return data
            case 401, 403:
                defaults?.removeObject(forKey: bodyKey(kind, size))
                defaults?.removeObject(forKey: etagKey(kind, size))
                return nil
            default:
                return kept(kind, size)
            }
        } catch {
            return kept(kind, size)
        }
    }
}
