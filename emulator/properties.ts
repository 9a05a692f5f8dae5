/** PropertiesService: script, user and document property stores with Google's size limits. */
import { GasException, GasObject, Runtime } from './runtime';

const PROPERTY_VALUE_LIMIT = 9 * 1024;
const PROPERTY_STORE_LIMIT = 500 * 1024;

export class Properties extends GasObject implements Pick<GoogleAppsScript.Properties.Properties,
  'getProperty' | 'setProperty' | 'getProperties' | 'setProperties' | 'deleteProperty' | 'getKeys' | 'deleteAllProperties'> {
  readonly gasService = 'PropertiesService';
  readonly gasType = 'Properties';
  constructor(readonly data: Map<string, string>) { super(); }
  getProperty(key: string): string | null { return this.data.get(key) ?? null; }
  setProperty(key: string, value: string): GoogleAppsScript.Properties.Properties {
    this.put(key, String(value));
    return this as never;
  }
  setProperties(properties: Record<string, string>, deleteAllOthers?: boolean): GoogleAppsScript.Properties.Properties {
    if (deleteAllOthers) this.data.clear();
    for (const [k, v] of Object.entries(properties)) this.put(k, String(v));
    return this as never;
  }
  getProperties(): Record<string, string> { return Object.fromEntries(this.data); }
  getKeys(): string[] { return [...this.data.keys()]; }
  deleteProperty(key: string): GoogleAppsScript.Properties.Properties { this.data.delete(key); return this as never; }
  deleteAllProperties(): GoogleAppsScript.Properties.Properties { this.data.clear(); return this as never; }
  private put(key: string, value: string): void {
    if (Buffer.byteLength(key) + Buffer.byteLength(value) > PROPERTY_VALUE_LIMIT) throw new GasException('Argument too large: value');
    const total = [...this.data].reduce((n, [k, v]) => (k === key ? n : n + Buffer.byteLength(k) + Buffer.byteLength(v)), 0);
    if (total + Buffer.byteLength(key) + Buffer.byteLength(value) > PROPERTY_STORE_LIMIT) {
      throw new GasException('You have exceeded the property storage quota. Please remove some properties and try again.');
    }
    this.data.set(key, value);
  }
}

export class PropertyStores {
  readonly script = new Map<string, string>();
  readonly document = new Map<string, string>();
  readonly user = new Map<string, string>();
}

export function createPropertiesService(stores: PropertyStores, runtime: Runtime) {
  return {
    gasService: 'PropertiesService',
    gasType: 'PropertiesService',
    getScriptProperties: () => new Properties(stores.script),
    getUserProperties: () => new Properties(stores.user),
    getDocumentProperties: () => {
      if (runtime.authMode === 'NONE') throw new GasException('You do not have permission to call PropertiesService.getDocumentProperties.');
      return new Properties(stores.document);
    },
  };
}
