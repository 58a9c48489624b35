import './src/i18n';
import i18n from './src/i18n';

// Tests assert English strings whatever the machine's locale is.
void i18n.changeLanguage('en');
