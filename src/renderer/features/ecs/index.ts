export { EcsPage } from './EcsPage';
