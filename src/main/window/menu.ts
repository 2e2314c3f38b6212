import { Menu } from 'electron';
import { menuTemplate } from './menu-template';

export function applicationMenu(development: boolean): Menu {
  return Menu.buildFromTemplate(menuTemplate({ development, platform: process.platform }));
}
