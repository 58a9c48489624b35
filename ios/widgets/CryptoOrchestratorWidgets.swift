// WidgetKit extension: portfolio, watchlist and bots widgets in small, medium and large,
// light and dark (system colours), deep links into the app.
// NOT BUILT HERE (no Xcode on this machine): see docs/widgets.md ("iOS").

import SwiftUI
import WidgetKit

struct SnapshotEntry: TimelineEntry {
    let date: Date
    let data: Data?
}

struct SnapshotProvider: TimelineProvider {
    let kind: WidgetKind

    private func sizeName(_ family: WidgetFamily) -> WidgetSizeName {
        switch family {
        case .systemSmall: return .small
        case .systemLarge, .systemExtraLarge: return .large
        default: return .medium
        }
    }

    func placeholder(in context: Context) -> SnapshotEntry {
        SnapshotEntry(date: Date(), data: nil)
    }

    func getSnapshot(in context: Context, completion: @escaping (SnapshotEntry) -> Void) {
        completion(SnapshotEntry(date: Date(), data: SnapshotSource().kept(kind, sizeName(context.family))))
    }

    func getTimeline(in context: Context, completion: @escaping (Timeline<SnapshotEntry>) -> Void) {
        let size = sizeName(context.family)
        Task {
            let data = await SnapshotSource().refresh(kind, size)
            let next = Date().addingTimeInterval(30 * 60)  // as Android: every 30 min, plus pushes
            completion(Timeline(entries: [SnapshotEntry(date: Date(), data: data)], policy: .after(next)))
        }
    }
}

struct SparklineShape: Shape {
    let levels: [Int]

    func path(in rect: CGRect) -> Path {
        var path = Path()
        guard levels.count > 1 else { return path }
        let step = rect.width / CGFloat(levels.count - 1)
        for (i, level) in levels.enumerated() {
            let point = CGPoint(
                x: CGFloat(i) * step,
                y: rect.height - CGFloat(level) / 63 * rect.height
            )
            if i == 0 { path.move(to: point) } else { path.addLine(to: point) }
        }
        return path
    }
}

private func trendColor(_ value: String) -> Color {
    let number = Double(value) ?? 0
    return number > 0 ? .green : number < 0 ? .red : .secondary
}

private func signed(_ value: String) -> String {
    value.hasPrefix("-") || (Double(value) ?? 0) == 0 ? value : "+" + value
}

struct PortfolioView: View {
    let payload: PortfolioPayload

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text("Portfolio").font(.caption).bold().foregroundStyle(.secondary)
            Text("\(payload.tv) \(payload.q)").font(.title3).bold().lineLimit(1).minimumScaleFactor(0.6)
            Text("\(signed(payload.d)) (\(signed(payload.dp))%)").font(.caption).foregroundStyle(trendColor(payload.d))
            if Sparkline.levels(payload.sp).count > 1 {
                SparklineShape(levels: Sparkline.levels(payload.sp))
                    .stroke(trendColor(payload.d), lineWidth: 1.5)
            }
            ForEach(payload.h ?? [], id: \.self) { holding in
                HStack { Text(holding.a).bold(); Spacer(); Text("\(holding.w)%").foregroundStyle(.secondary) }
                    .font(.caption)
            }
        }
        .widgetURL(URL(string: "cryptoorchestrator://account"))
    }
}

struct WatchlistView: View {
    let payload: WatchlistPayload

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text("Watchlist").font(.caption).bold().foregroundStyle(.secondary)
            ForEach(payload.w, id: \.self) { row in
                Link(destination: DeepLink.market(row.y) ?? URL(string: "cryptoorchestrator://markets")!) {
                    HStack {
                        Text(row.y).bold().lineLimit(1).truncationMode(.tail)
                        Spacer()
                        Text(row.p)
                        Text("\(signed(row.c))%").foregroundStyle(trendColor(row.c))
                    }
                    .font(.caption)
                }
            }
        }
    }
}

struct BotsView: View {
    let payload: BotsPayload

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text("Bots").font(.caption).bold().foregroundStyle(.secondary)
            Text("\(payload.r) running").bold()
            if payload.e > 0 {
                Text("⚠ \(payload.e) in error").bold().foregroundStyle(.red)
            }
            ForEach(payload.b ?? [], id: \.self) { bot in
                Link(destination: DeepLink.bot(bot.i) ?? URL(string: "cryptoorchestrator://bots")!) {
                    HStack {
                        Text(bot.n).lineLimit(1)
                        Spacer()
                        Text(bot.st).foregroundStyle(bot.st.hasPrefix("error") ? .red : .secondary)
                        Text(bot.p.map(signed) ?? "–")
                    }
                    .font(.caption)
                }
            }
        }
    }
}

struct SnapshotView: View {
    let kind: WidgetKind
    let entry: SnapshotEntry

    var body: some View {
        let decoder = JSONDecoder()
        Group {
            if let data = entry.data {
                switch kind {
                case .portfolio:
                    if let payload = try? decoder.decode(PortfolioPayload.self, from: data) { PortfolioView(payload: payload) }
                case .watchlist:
                    if let payload = try? decoder.decode(WatchlistPayload.self, from: data) { WatchlistView(payload: payload) }
                default:
                    if let payload = try? decoder.decode(BotsPayload.self, from: data) { BotsView(payload: payload) }
                }
            } else {
                Text("Open the app to connect this widget").font(.caption).foregroundStyle(.secondary)
            }
        }
        .containerBackground(.background, for: .widget)
    }
}

struct PortfolioWidget: Widget {
    var body: some WidgetConfiguration {
        StaticConfiguration(kind: "Portfolio", provider: SnapshotProvider(kind: .portfolio)) { entry in
            SnapshotView(kind: .portfolio, entry: entry)
        }
        .configurationDisplayName("Portfolio")
        .description("Value and 24 h P&L")
        .supportedFamilies([.systemSmall, .systemMedium, .systemLarge])
    }
}

struct WatchlistWidget: Widget {
    var body: some WidgetConfiguration {
        StaticConfiguration(kind: "Watchlist", provider: SnapshotProvider(kind: .watchlist)) { entry in
            SnapshotView(kind: .watchlist, entry: entry)
        }
        .configurationDisplayName("Watchlist")
        .description("Prices of up to 6 symbols")
        .supportedFamilies([.systemSmall, .systemMedium, .systemLarge])
    }
}

struct BotsWidget: Widget {
    var body: some WidgetConfiguration {
        StaticConfiguration(kind: "Bots", provider: SnapshotProvider(kind: .bots)) { entry in
            SnapshotView(kind: .bots, entry: entry)
        }
        .configurationDisplayName("Bots")
        .description("Running bots and errors")
        .supportedFamilies([.systemSmall, .systemMedium, .systemLarge])
    }
}

@main
struct CryptoOrchestratorWidgets: WidgetBundle {
    var body: some Widget {
        PortfolioWidget()
        WatchlistWidget()
        BotsWidget()
    }
}
