/** 設定: the key/value rows of the 設定 sheet as a small form (template, output folder, calendar, …). */
import type { SettingsMap } from '../../protocol';
import { append, el, nextId } from '../dom';
import { t } from '../i18n';
import { call } from '../rpc';
import { action, button, exclusive, section, showResult } from '../ui';

export function settingsSection(): HTMLElement {
  const s = section('settings', 'settings.title', 'settings.help');
  const form = el('div', { class: 'settings-form' });
  const inputs = new Map<string, HTMLInputElement>();

  const render = (settings: SettingsMap) => {
    form.replaceChildren();
    inputs.clear();
    const keys = Object.keys(settings);
    if (!keys.length) append(form, el('p', { text: t('settings.empty') }));
    for (const key of keys) {
      const id = nextId('setting');
      const input = action(el('input', { id, type: 'text', value: settings[key] ?? '', 'data-key': key }));
      inputs.set(key, input);
      append(form, el('div', { class: 'field' }, el('label', { for: id, text: key }), input));
    }
    save.hidden = keys.length === 0;
  };

  const load = () => exclusive(s, async () => render(await call('rpcGetSettings')));
  const save = button(t('settings.save'), () => {
    const values: SettingsMap = {};
    for (const [key, input] of inputs) values[key] = input.value;
    void exclusive(s, async () => {
      render(await call('rpcSaveSettings', values));
      showResult(s, t('settings.saved'));
    });
  });
  save.hidden = true;
  s.body.append(form, save, button(t('settings.load'), () => void load(), 'secondary'));
  s.root.addEventListener('toggle', () => {
    if (s.root.open && inputs.size === 0) void load();
  });
  return s.root;
}
