/** Draws a WidgetModel with react-native-android-widget (Android only: it crashes on web). */
import { FlexWidget, SvgWidget, TextWidget } from 'react-native-android-widget';
import type { TextCell, WidgetModel, WidgetRow } from './layout';
import { sparklineSvg } from './sparkline';

function Text({ cell, flex }: { cell: TextCell; flex?: number }) {
  return (
    <TextWidget
      text={cell.text}
      maxLines={1}
      truncate="END"
      style={{
        fontSize: cell.size,
        color: cell.color,
        fontWeight: cell.bold ? 'bold' : 'normal',
        textAlign: cell.align,
        ...(flex ? { flex } : {}),
      }}
    />
  );
}

function Row({ row }: { row: WidgetRow }) {
  const click = row.link ? { clickAction: 'OPEN_URI', clickActionData: { uri: row.link } } : {};
  return (
    <FlexWidget style={{ flexDirection: 'column', width: 'match_parent', marginTop: 4 }} {...click}>
      {row.cells.length > 0 ? (
        <FlexWidget style={{ flexDirection: 'row', width: 'match_parent', alignItems: 'center' }}>
          {row.cells.map((cell, i) => (
            <Text key={i} cell={cell} flex={1} />
          ))}
        </FlexWidget>
      ) : null}
      {row.spark ? <SvgWidget svg={sparklineSvg(row.spark.levels, 240, 28, row.spark.color)} style={{ height: 28, width: 'match_parent' }} /> : null}
    </FlexWidget>
  );
}

export function WidgetView({ model }: { model: WidgetModel }) {
  return (
    <FlexWidget
      clickAction="OPEN_URI"
      clickActionData={{ uri: model.link }}
      style={{
        height: 'match_parent',
        width: 'match_parent',
        flexDirection: 'column',
        backgroundColor: model.background,
        borderRadius: 16,
        padding: 12,
      }}
    >
      <Text cell={model.title} />
      {model.rows.map((row, i) => (
        <Row key={i} row={row} />
      ))}
      {model.footer ? <Text cell={model.footer} /> : null}
    </FlexWidget>
  );
}
