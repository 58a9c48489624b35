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

/** The kill-switch shortcut's messages in the 11 languages (top-level key "killSwitch"). */
export const killSwitchBundle: FeatureBundle = { en, es, de, fr, 'pt-BR': ptBR, ja, ko, 'zh-Hans': zhHans, ru, tr, ar };
