import type { FeatureBundle } from '../features';
import en from './en.json';
import es from './es.json';
import de from './de.json';
import fr from './fr.json';
import ptBR from './pt-BR.json';
import ja from './ja.json';
import ko from './ko.json';
import zhHans from './zh-Hans.json';
import ru from './ru.json';
import tr from './tr.json';
import ar from './ar.json';

/**
 * App navigation and small cross-screen labels in the 11 languages: the short tab-bar labels
 * (`nav.tabs`, sized to fit a sixth of a 430 pt phone), the Markets venue selector
 * (`marketVenues`) and a backtest's data source in words (`backtestSource`).
 */
export const appNavBundle: FeatureBundle = { en, es, de, fr, 'pt-BR': ptBR, ja, ko, 'zh-Hans': zhHans, ru, tr, ar };
