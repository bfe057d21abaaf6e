// Swagger UI over every contract this node serves (GET /api/openapi lists the core's and the
// plugins'). Requests tried from here carry the console's x-token, if this tab signed in.
/* global SwaggerUIBundle, SwaggerUIStandalonePreset */

const token = () => sessionStorage.getItem('aips.token');
const { contracts } = await (await fetch('/api/openapi')).json();

const ui = SwaggerUIBundle({
  urls: contracts.map(c => ({ name: c.basePath ? `${c.name} (${c.basePath})` : c.name, url: c.url })),
  'urls.primaryName': 'aips',
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
  deepLinking: true,
  requestInterceptor: request => {
    if (token() && !request.headers['x-token']) request.headers['x-token'] = token();
    return request;
  },
  onComplete: () => {
    if (token()) ui.preauthorizeApiKey('xToken', token());
  },
});
