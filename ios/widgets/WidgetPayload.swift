// The widget payloads of GET /widgets/{kind}?size= (version 1). The contract is the JSON Schema
// in widgets/schemas/*.json on the server; tests/widgets validate the server against it.
// NOT BUILT HERE: see docs/widgets.md ("iOS").

import Foundation

enum WidgetKind: String, CaseIterable {
    case portfolio, watchlist, bots, alerts, signal
}

enum WidgetSizeName: String {
    case small, medium, large
}

struct Holding: Codable, Hashable {
    let a: String  // asset
    let w: String  // weight, percent
}

struct PortfolioPayload: Codable {
    let v: Int
    let t: Int
    let q: String  // quote currency
    let tv: String  // total value
    let d: String  // 24 h P&L
    let dp: String  // 24 h P&L, percent
    let sp: String?  // sparkline
    let h: [Holding]?
}

struct WatchRow: Codable, Hashable {
    let y: String  // symbol (deep link target)
    let p: String  // last price
    let c: String  // 24 h change, percent
    let sp: String?
}

struct WatchlistPayload: Codable {
    let v: Int
    let t: Int
    let w: [WatchRow]
}

struct BotRow: Codable, Hashable {
    let i: String  // bot id (deep link target)
    let n: String  // name
    let st: String  // state
    let p: String?  // P&L
}

struct BotsPayload: Codable {
    let v: Int
    let t: Int
    let r: Int  // running
    let e: Int  // in error
    let b: [BotRow]?
}

enum Sparkline {
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_")

    /// Levels 0...63 (0 = the series' low, 63 = its high).
    static func levels(_ text: String?) -> [Int] {
        guard let text else { return [] }
        return text.compactMap { alphabet.firstIndex(of: $0) }
    }
}

enum DeepLink {
    static func market(_ symbol: String) -> URL? {
        let slug = symbol.replacingOccurrences(of: "/", with: "-")
        let encoded = slug.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? slug
        return URL(string: "cryptoorchestrator://market/\(encoded)")
    }

    static func bot(_ id: String) -> URL? {
        URL(string: "cryptoorchestrator://bots/\(id)")
    }
}
