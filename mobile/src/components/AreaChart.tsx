import { LineChart } from 'react-native-gifted-charts';
import { useTheme } from '../theme';

type Point = { value: number };

/**
 * The app's themed area line chart (react-native-gifted-charts): accent line fading to the
 * background, axis labels in the muted colour, y axis starting just below the lowest value.
 */
export function AreaChart({
  data,
  width,
  height,
  min,
  max,
  formatYLabel,
  color,
  fadeTo,
  startOpacity = 0.3,
  yAxisLabelWidth = 64,
  sections = 4,
  curved,
}: {
  data: Point[];
  width: number;
  height: number;
  min: number;
  max: number;
  formatYLabel(label: string): string;
  color?: string;
  fadeTo?: string;
  startOpacity?: number;
  yAxisLabelWidth?: number;
  sections?: number;
  curved?: boolean;
}) {
  const theme = useTheme();
  const line = color ?? theme.accent;
  // A flat series still needs a visible band.
  const offset = min - (max - min) * 0.05 - (max === min ? 0.01 : 0);
  return (
    <LineChart
      data={data}
      width={width}
      height={height}
      adjustToWidth
      hideDataPoints
      areaChart
      curved={curved ?? false}
      color={line}
      startFillColor={line}
      endFillColor={fadeTo ?? theme.background}
      startOpacity={startOpacity}
      endOpacity={0}
      yAxisOffset={offset}
      yAxisTextStyle={{ color: theme.muted, fontSize: 10 }}
      yAxisLabelWidth={yAxisLabelWidth}
      formatYLabel={formatYLabel}
      xAxisColor={theme.border}
      yAxisColor={theme.border}
      rulesColor={theme.border}
      noOfSections={sections}
      initialSpacing={0}
      isAnimated={false}
      disableScroll
    />
  );
}
