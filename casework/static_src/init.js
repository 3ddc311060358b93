// Start the GOV.UK and MOJ components on every page (served from our own /assets, no CDN).
import { initAll } from '/assets/govuk-frontend.min.js'
import { initAll as initMoj } from '/assets/moj-frontend.min.js'

initAll()
initMoj()
