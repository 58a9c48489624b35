import { Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { BotTemplatesQuery } from '../../graphql/bots';
import { errorKey } from '../../graphql/errors';
import { Empty, ErrorState, Loading } from '../States';
import { TemplateCard, type Template } from '../bots/TemplateCard';
import { useTheme } from '../../theme';

/**
 * Pick a template for the first bot: the bots catalogue (name, risk, cached backtest) with one tap
 * per template. Unavailable templates show why and cannot be picked.
 */
export function TemplateStep({ picked, onPick }: { picked: Template | null; onPick: (template: Template) => void }) {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const [res, refetch] = useQuery({ query: BotTemplatesQuery });

  if (res.fetching && !res.data) return <Loading testID="onboarding-templates-loading" />;
  if (res.error && !res.data) {
    return <ErrorState message={t(errorKey(res.error) ?? 'errors.generic')} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  }
  const templates = res.data?.botTemplates ?? [];
  if (templates.length === 0) return <Empty message={t('onboarding.template.none')} />;

  return (
    <View testID="onboarding-templates">
      {picked ? (
        <Text accessibilityRole="alert" style={{ color: theme.up, fontWeight: '600', marginBottom: 8 }} testID="onboarding-template-picked">
          {t('onboarding.template.picked', { name: picked.name })}
        </Text>
      ) : null}
      {templates.map((template) => (
        <View
          key={template.id}
          style={picked?.id === template.id ? { borderLeftWidth: 4, borderLeftColor: theme.accent, borderRadius: 12 } : undefined}
          accessibilityState={{ selected: picked?.id === template.id }}
        >
          <TemplateCard template={template} locale={i18n.language} onUse={() => onPick(template)} />
        </View>
      ))}
    </View>
  );
}
