const app = document.getElementById('app');
if (app) app.textContent = '就労支援ネットワーク';
