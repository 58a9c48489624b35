/** Widgets are Android-only here (iOS: WidgetKit, see docs/widgets.md); nothing to register. */
export function registerWidgets(): void {}
