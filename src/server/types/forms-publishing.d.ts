// Forms publishing methods added to Apps Script in 2025 (forms made by script are unpublished by default
// since 30 June 2026, docs/ARCHITECTURE.md, "Google facts") and not yet in @types/google-apps-script.
declare namespace GoogleAppsScript.Forms {
  interface Form {
    setPublished(enabled: boolean): Form;
    isPublished(): boolean;
  }
  interface FormApp {
    create(title: string, isPublished: boolean): Form;
  }
}
