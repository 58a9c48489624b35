import Svg, { Circle, Path, Rect } from 'react-native-svg';

/** The tab-bar icons: line drawings in the same react-native-svg style as the header bell. */
export type TabName = 'home' | 'markets' | 'orders' | 'bots' | 'social' | 'settings';

export const TAB_NAMES: readonly TabName[] = ['home', 'markets', 'orders', 'bots', 'social', 'settings'];

export function TabIcon({ name, color, size = 24 }: { name: TabName; color: string; size?: number }) {
  const stroke = { stroke: color, strokeWidth: 1.8, fill: 'none', strokeLinecap: 'round', strokeLinejoin: 'round' } as const;
  return (
    <Svg width={size} height={size} viewBox="0 0 24 24" accessibilityElementsHidden importantForAccessibility="no-hide-descendants" testID={`tab-icon-${name}`}>
      {name === 'home' ? <Path d="M3 11.5 12 4l9 7.5M5.5 9.5V20h13V9.5M10 20v-5.5h4V20" {...stroke} /> : null}
      {name === 'markets' ? <Path d="M3 19h18M4 15l5-5 4 3 7-7M15 6h5v5" {...stroke} /> : null}
      {name === 'orders' ? (
        <>
          <Rect x={5} y={3.5} width={14} height={17} rx={2} {...stroke} />
          <Path d="M8.5 8.5h7M8.5 12h7M8.5 15.5h4" {...stroke} />
        </>
      ) : null}
      {name === 'bots' ? (
        <>
          <Rect x={4.5} y={8} width={15} height={11} rx={3} {...stroke} />
          <Path d="M12 8V4.5M9.5 14.5h5" {...stroke} />
          <Circle cx={9.5} cy={12} r={1} fill={color} />
          <Circle cx={14.5} cy={12} r={1} fill={color} />
        </>
      ) : null}
      {name === 'social' ? (
        <>
          <Circle cx={9} cy={8.5} r={3} {...stroke} />
          <Path d="M3.5 19.5c.6-3.2 2.8-5 5.5-5s4.9 1.8 5.5 5M15.5 5.8a3 3 0 0 1 0 5.4M17 14.7c1.9.6 3.1 2.2 3.5 4.8" {...stroke} />
        </>
      ) : null}
      {name === 'settings' ? (
        <>
          <Circle cx={12} cy={12} r={3} {...stroke} />
          <Path
            d="M12 2.8v2.4M12 18.8v2.4M2.8 12h2.4M18.8 12h2.4M5.5 5.5l1.7 1.7M16.8 16.8l1.7 1.7M5.5 18.5l1.7-1.7M16.8 7.2l1.7-1.7"
            {...stroke}
          />
        </>
      ) : null}
    </Svg>
  );
}
