// OrderGate's GraphiQL page (served by the app, no CDN). A browser sends no bearer token by
// itself: the Headers tab starts with the console's token when this tab is signed in to
// /console, otherwise with a placeholder to replace by an access token (`ordergate tokens issue`
// or the OAuth flow, see docs/graphql.md).
(function () {
  var token = null;
  try {
    var stored = JSON.parse(window.sessionStorage.getItem('og.tokens') || 'null');
    token = stored && stored.access_token;
  } catch (e) {
    token = null;
  }
  var headers = JSON.stringify(
    { Authorization: 'Bearer ' + (token || '<paste an access token: oga_...>') },
    null,
    2,
  );
  var fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultHeaders: headers,
      headerEditorEnabled: true,
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: 'headers',
      defaultQuery:
        '# The shops this token may access, and their newest orders.\n' +
        'query FirstLook {\n  shops { id name }\n  orders(first: 5) {\n    edges { node { id status paidAmount } }\n  }\n}\n',
    }),
  );
})();
