/** The "widgets" namespace: home-screen widget texts, the settings section and the watchlist star. */
import type { FeatureBundle } from '../features';
import ar from './ar.json';
import de from './de.json';
import en from './en.json';
import es from './es.json';
import fr from './fr.json';
import ja from './ja.json';
import ko from './ko.json';
import ptBR from './pt-BR.json';
import ru from './ru.json';
import tr from './tr.json';
import zhHans from './zh-Hans.json';

export const widgetsBundle: FeatureBundle = { en, es, de, fr, 'pt-BR': ptBR, ja, ko, 'zh-Hans': zhHans, ru, tr, ar };
