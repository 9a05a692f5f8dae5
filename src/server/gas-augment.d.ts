// Signatures Google documents that @types/google-apps-script 2.0.13 does not declare yet
// (developers.google.com/apps-script/reference/script/script-app#getAuthorizationInfo(AuthMode,String), and
// …/authorization-info#getAuthorizedScopes(): granular consent for editor add-ons, 2025).
declare namespace GoogleAppsScript {
  namespace Script {
    interface ScriptApp {
      getAuthorizationInfo(authMode: AuthMode, oAuthScopes: string[]): AuthorizationInfo;
    }
    interface AuthorizationInfo {
      getAuthorizedScopes(): string[] | null;
    }
  }
}
